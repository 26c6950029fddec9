// Analytics on a large tenant: seeds one business with N customers and M ledger entries
// spread over the last year (generate_series SQL, bulk-load style), then times the portal's
// analytics and customer-list queries. `npx tsx bench/analytics-bench.ts [customers] [entries]`
// (default 1,000,000 / 10,000,000). Uses DATABASE_URL's server or a throwaway embedded one.
import pg from "pg";
import { listCustomers } from "../server/customers/list-customers";
import { createDb } from "../server/db/client";
import { getAnalytics } from "../server/analytics/get-analytics";
import { defaultRange } from "../server/analytics/analytics-range";
import { jobActor } from "../server/actors/actor";
import { benchDatabase } from "./bench-database";

const customers = Number(process.argv[2] ?? 1_000_000);
const entries = Number(process.argv[3] ?? 10_000_000);
const log = (line: string) => console.log(`[analytics-bench] ${line}`);

const database = await benchDatabase();
const db = createDb(database.url, 4);
// One connection for the load: SET session_replication_role is per session.
const loader = new pg.Client({ connectionString: database.url });
await loader.connect();
const load = (sql: string) => loader.query(sql);
const timed = async <T>(label: string, work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

try {
  const [business] = await db.$queryRaw<{ id: string }[]>`INSERT INTO businesses (slug, name) VALUES ('big', 'Big Tenant') RETURNING id`;
  const small = await db.$queryRaw<{ id: string }[]>`INSERT INTO businesses (slug, name) VALUES ('small', 'Small Tenant') RETURNING id`;
  const businessId = business!.id;
  // Bulk load as a restore would: without per-row triggers and FK checks (the data is
  // consistent by construction: ids derive from the series number).
  await load(`SET session_replication_role = replica`);
  await timed(`insert ${customers.toLocaleString("en")} customers`, () =>
    load(`
      INSERT INTO customers (id, business_id, email, name, tier, created_at, updated_at)
      SELECT md5('c' || i)::uuid, '${businessId}', 'c' || i || '@big.test', 'Customer ' || i, 'Bronze',
             now() - random() * interval '400 days', now()
        FROM generate_series(1, ${customers}) i`),
  );
  // 75% awards, 17% redemptions, 5% expiries, 3% adjustments, over the last 365 days.
  await timed(`insert ${entries.toLocaleString("en")} ledger entries`, () =>
    load(`
      INSERT INTO ledger_entries (business_id, customer_id, type, points, balance_after, actor_type, source, created_at)
      SELECT '${businessId}', md5('c' || (1 + (i::bigint * 7919) % ${customers}))::uuid, t.type::"EntryType",
             CASE WHEN t.type IN ('AWARD', 'ADJUST') THEN 10 + (i % 90) ELSE -(1 + (i % 40)) END, 0, 'SYSTEM', 'POS',
             now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second'
        FROM generate_series(1, ${entries}) i,
        LATERAL (SELECT CASE WHEN i % 100 < 75 THEN 'AWARD' WHEN i % 100 < 92 THEN 'REDEEM' WHEN i % 100 < 97 THEN 'EXPIRE' ELSE 'ADJUST' END AS type) t`),
  );
  await timed("cache balances from the ledger", () =>
    load(`
      UPDATE customers c SET balance = greatest(s.net, 0), lifetime_earned = coalesce(s.earned, 0), last_activity_at = s.last
        FROM (SELECT customer_id, sum(points) AS net, sum(points) FILTER (WHERE points > 0) AS earned, max(created_at) AS last
                FROM ledger_entries WHERE business_id = '${businessId}' GROUP BY customer_id) s
       WHERE c.id = s.customer_id`),
  );
  await load(`SET session_replication_role = DEFAULT`);
  await timed("VACUUM ANALYZE", async () => {
    await db.$executeRawUnsafe(`VACUUM ANALYZE customers`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE ledger_entries`);
  });

  const actor = jobActor(businessId);
  const cases: [string, () => Promise<unknown>][] = [
    ["analytics, last 7 days", () => getAnalytics(db, actor, defaultRange(new Date(), 7))],
    ["analytics, last 30 days", () => getAnalytics(db, actor, defaultRange(new Date(), 30))],
    ["analytics, last 90 days", () => getAnalytics(db, actor, defaultRange(new Date(), 90))],
    ["analytics, last 365 days", () => getAnalytics(db, actor, defaultRange(new Date(), 365))],
    ["analytics, small tenant next door, 30 days", () => getAnalytics(db, { ...actor, businessId: small[0]!.id }, defaultRange(new Date(), 30))],
    ["customers page 1 by balance", () => listCustomers(db, actor, { sortBy: "balance", sortOrder: "desc", limit: 25 })],
    ["customers page 1 by last activity", () => listCustomers(db, actor, { sortBy: "lastActivityAt", limit: 25 })],
    ["customers page 400 by lifetime earned", () => listCustomers(db, actor, { sortBy: "lifetimeEarned", page: 400, limit: 25 })],
    ["customers search 'customer 4242'", () => listCustomers(db, actor, { search: "customer 4242", limit: 25 })],
  ];
  log(`tenant: ${customers.toLocaleString("en")} customers, ${entries.toLocaleString("en")} entries; first call, then median of 5`);
  for (const [label, run] of cases) {
    // The first analytics call over a range also fills the daily rollup for its settled days.
    const first = performance.now();
    await run();
    const firstMs = performance.now() - first;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    log(`${label.padEnd(44)} first ${firstMs.toFixed(0).padStart(6)} ms   median ${times[2]!.toFixed(0).padStart(6)} ms   max ${times[4]!.toFixed(0).padStart(6)} ms`);
  }
} finally {
  await loader.end();
  await db.$disconnect();
  await database.stop();
}
