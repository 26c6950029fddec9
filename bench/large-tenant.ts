// A large tenant for benchmarks (bench/scale-bench.ts, bench/analytics-bench.ts): one business
// with N customers and M ledger entries over the last year, and a small business next door,
// written with generate_series SQL the way a bulk restore would (no per-row triggers or FK
// checks: the data is consistent by construction, ids derive from the series number). About
// 1% of customers are blocked; customer i is "Customer i", ci@big.test, +1555 and i in 7 digits.
import pg from "pg";

export type LargeTenant = { businessId: string; smallBusinessId: string; seconds: Record<string, number> };

export async function generateLargeTenant(url: string, customers: number, entries: number, log: (line: string) => void): Promise<LargeTenant> {
  // One connection: SET session_replication_role is per session.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seconds: Record<string, number> = {};
  const step = async (label: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    seconds[label] = (performance.now() - started) / 1000;
    log(`${label}: ${seconds[label]!.toFixed(1)} s`);
  };
  try {
    const big = await client.query<{ id: string }>(`INSERT INTO businesses (slug, name, created_at) VALUES ('big', 'Big Tenant', now() - interval '400 days') RETURNING id`);
    const small = await client.query<{ id: string }>(`INSERT INTO businesses (slug, name) VALUES ('small', 'Small Tenant') RETURNING id`);
    const businessId = big.rows[0]!.id;
    await client.query(`SET session_replication_role = replica`);
    await step(`insert ${customers.toLocaleString("en")} customers`, `
      INSERT INTO customers (id, business_id, email, phone, name, status, tier, created_at, updated_at)
      SELECT md5('c' || i)::uuid, '${businessId}', 'c' || i || '@big.test', '+1555' || lpad(i::text, 7, '0'), 'Customer ' || i,
             CASE WHEN i % 100 = 0 THEN 'BLOCKED' ELSE 'ACTIVE' END::"CustomerStatus", 'Bronze',
             now() - random() * interval '400 days', now()
        FROM generate_series(1, ${customers}) i`);
    // The search trigger is off during the load, as in a restore of both tables.
    await step("fill customer_search", `
      INSERT INTO customer_search (business_id, customer_id, text)
      SELECT business_id, id, ll_customer_search_text(name, email, phone) FROM customers WHERE business_id = '${businessId}'`);
    // 75% awards, 17% redemptions, 5% expiries, 3% adjustments, over the last 365 days, written
    // in time order as a ledger is (a day's entries on neighbouring pages, not spread over all).
    await step(`insert ${entries.toLocaleString("en")} ledger entries`, `
      INSERT INTO ledger_entries (business_id, customer_id, type, points, balance_after, actor_type, source, created_at)
      SELECT '${businessId}', md5('c' || (1 + (i::bigint * 7919) % ${customers}))::uuid, t.type::"EntryType",
             CASE WHEN t.type IN ('AWARD', 'ADJUST') THEN 10 + (i % 90) ELSE -(1 + (i % 40)) END, 0, 'SYSTEM', 'POS',
             now() - interval '365 days' + (i::float8 / ${entries}) * interval '365 days'
        FROM generate_series(1, ${entries}) i,
        LATERAL (SELECT CASE WHEN i % 100 < 75 THEN 'AWARD' WHEN i % 100 < 92 THEN 'REDEEM' WHEN i % 100 < 97 THEN 'EXPIRE' ELSE 'ADJUST' END AS type) t`);
    await step("cache balances from the ledger", `
      UPDATE customers c SET balance = greatest(s.net, 0), lifetime_earned = coalesce(s.earned, 0), last_activity_at = s.last
        FROM (SELECT customer_id, sum(points) AS net, sum(points) FILTER (WHERE points > 0) AS earned, max(created_at) AS last
                FROM ledger_entries WHERE business_id = '${businessId}' GROUP BY customer_id) s
       WHERE c.business_id = '${businessId}' AND c.id = s.customer_id`);
    await client.query(`SET session_replication_role = DEFAULT`);
    await step("VACUUM ANALYZE", `VACUUM ANALYZE customers, customer_search, ledger_entries`);
    return { businessId, smallBusinessId: small.rows[0]!.id, seconds };
  } finally {
    await client.end();
  }
}
