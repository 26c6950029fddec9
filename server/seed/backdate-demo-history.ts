// Moves the freshly written demo business back in time, so its 90 days of history sit on the
// days they tell of and a newcomer's first look at analytics shows real charts.
//
// SEEDING ONLY. The ledger is append-only and stamps every row with the time it was written;
// nothing else may ever rewrite those stamps. This runs once, right after seed-demo.ts wrote
// the story through the ledger's own functions, on rows no one else has seen, of one business
// (every statement filters by its id). The append-only triggers are switched off and on again
// inside this one transaction: ALTER TABLE is transactional, so no other session ever sees them
// off (it waits on the table lock for the moment this runs). Only the tables' owner may do that,
// hence the owner's connection (the migrations' role), not the app's.
import pg from "pg";
import { inTransaction } from "../db/database-roles";
import type { DemoStamps } from "./write-demo-timeline";

export type Backdating = { businessId: string; windowStart: Date; shiftMs: number; stores: Record<string, Date>; stamps: DemoStamps };

const APPEND_ONLY = [
  ["ledger_entries", "ledger_entries_append_only"],
  ["lot_allocations", "lot_allocations_append_only"],
  ["audit_logs", "audit_logs_append_only"],
  ["idempotency_keys", "idempotency_keys_append_only"],
] as const;

// $1 the business throughout; $2 the shift (an expiry written that far ahead: a welcome bonus,
// demo_stamps.shifted) or the window's start, as tagged. demo_stamps: entry id -> intended time
// (at) and time of writing (old).
const STEPS: ["shift" | "start" | null, string][] = [
  // Rows written along with an entry keep their small distance to it (same order as written).
  [null, `UPDATE tier_changes t SET created_at = (
     SELECT s.at + (t.created_at - s.old) FROM demo_stamps s JOIN ledger_entries e ON e.business_id = $1 AND e.id = s.id
      WHERE e.customer_id = t.customer_id AND s.old <= t.created_at ORDER BY s.old DESC LIMIT 1)
    WHERE t.business_id = $1`],
  // The ledger's own audit rows (adjustments, reversals) name their entry; the set-up happened
  // as the window opened (a store as it opened, below); blocks are set below.
  ["start", `UPDATE audit_logs a SET created_at = coalesce((SELECT s.at FROM demo_stamps s WHERE s.id::text = a.details->>'entryId'), $2)
    WHERE a.business_id = $1`],
  ["shift", `UPDATE point_lots l SET created_at = s.at + (l.created_at - s.old),
          expires_at = CASE WHEN s.shifted THEN l.expires_at - $2::interval ELSE l.expires_at - (s.old - s.at) END,
          available_at = l.available_at - (s.old - s.at)
     FROM demo_stamps s WHERE l.business_id = $1 AND l.entry_id = s.id`],
  [null, `UPDATE lot_allocations a SET created_at = s.at FROM demo_stamps s WHERE a.business_id = $1 AND a.entry_id = s.id`],
  [null, `UPDATE idempotency_keys k SET created_at = s.at FROM demo_stamps s WHERE k.business_id = $1 AND k.entry_id = s.id`],
  [null, `UPDATE redemptions r SET created_at = s.at FROM demo_stamps s WHERE r.business_id = $1 AND r.entry_id = s.id`],
  [null, `UPDATE reward_coupons c SET created_at = r.created_at, issued_at = r.created_at
     FROM redemptions r WHERE c.business_id = $1 AND r.business_id = $1 AND c.redemption_id = r.id`],
  ["shift", `UPDATE ledger_entries e SET created_at = s.at,
          expires_at = CASE WHEN s.shifted THEN e.expires_at - $2::interval ELSE e.expires_at - (s.old - s.at) END,
          available_at = e.available_at - (s.old - s.at)
     FROM demo_stamps s WHERE e.business_id = $1 AND e.id = s.id`],
  [null, `UPDATE customers c SET last_activity_at = (SELECT max(e.created_at) FROM ledger_entries e WHERE e.business_id = $1 AND e.customer_id = c.id AND e.type <> 'EXPIRE'),
          updated_at = (SELECT max(e.created_at) FROM ledger_entries e WHERE e.business_id = $1 AND e.customer_id = c.id)
    WHERE c.business_id = $1`],
  ["start", `UPDATE businesses SET created_at = $2 WHERE id = $1`],
  ["start", `UPDATE memberships SET created_at = $2 WHERE business_id = $1`],
  ["start", `UPDATE api_keys SET created_at = $2 WHERE business_id = $1`],
  ["start", `UPDATE rewards SET created_at = $2, updated_at = $2 WHERE business_id = $1`],
  // Derived from the entries as they were stamped before: recomputed once this commits.
  [null, `DELETE FROM analytics_daily WHERE business_id = $1`],
];

// Asked before anything is written: a demo whose history could not be moved would be left with
// 90 days of entries all dated today, and never seeded again.
export async function assertCanBackdate(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1) AND NOT pg_has_role(current_user, relowner, 'USAGE')`,
      [APPEND_ONLY.map(([table]) => table)],
    );
    if (rows.length) throw new Error(`Seeding the demo needs the tables' owner (set MIGRATION_DATABASE_URL): this role doesn't own ${rows.map((r) => r.relname).join(", ")}.`);
  } finally {
    await client.end();
  }
}

export async function backdateDemoHistory(ownerUrl: string, b: Backdating): Promise<void> {
  await inTransaction(ownerUrl, async (client) => {
    // Switching a trigger locks its table against every business's writes: never queue behind a
    // long transaction with all of them waiting behind us; fail instead (nothing is moved).
    await client.query("SET LOCAL lock_timeout = '5s'");
    for (const [table, trigger] of APPEND_ONLY) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    await client.query("CREATE TEMP TABLE demo_stamps (id uuid PRIMARY KEY, at timestamptz NOT NULL, shifted boolean NOT NULL, old timestamptz) ON COMMIT DROP");
    const { entries } = b.stamps;
    await client.query("INSERT INTO demo_stamps (id, at, shifted) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[])", [
      entries.map((e) => e.id), entries.map((e) => e.at), entries.map((e) => e.shifted),
    ]);
    const { rows } = await client.query<{ missing: string }>(
      `WITH o AS (UPDATE demo_stamps s SET old = e.created_at FROM ledger_entries e WHERE e.business_id = $1 AND e.id = s.id RETURNING s.id)
       SELECT (SELECT count(*) FROM ledger_entries WHERE business_id = $1) - (SELECT count(*) FROM o) AS missing`, [b.businessId]);
    // An entry the timeline didn't write (an expiry the ledger made on its own) would keep today's date.
    if (Number(rows[0]!.missing) !== 0) throw new Error(`demo seed: ${rows[0]!.missing} ledger entries have no intended time`);
    const shift = `${b.shiftMs} milliseconds`;
    for (const [second, step] of STEPS) await client.query(step, [b.businessId, ...(second ? [second === "shift" ? shift : b.windowStart] : [])]);
    await client.query("UPDATE customers SET created_at = x.at FROM unnest($2::uuid[], $3::timestamptz[]) x(id, at) WHERE business_id = $1 AND customers.id = x.id", [
      b.businessId, [...b.stamps.customers.keys()], [...b.stamps.customers.values()],
    ]);
    for (const { customerId, at } of b.stamps.blocks) {
      await client.query("UPDATE customers SET updated_at = greatest(updated_at, $3) WHERE business_id = $1 AND id = $2", [b.businessId, customerId, at]);
      await client.query("UPDATE audit_logs SET created_at = $3 WHERE business_id = $1 AND target_type = 'customer' AND target_id = $2::text AND action IN ('customer.blocked', 'customer.updated')", [b.businessId, customerId, at]);
    }
    for (const [code, opened] of Object.entries(b.stores)) {
      await client.query("UPDATE stores SET created_at = $3, updated_at = $3 WHERE business_id = $1 AND code = $2", [b.businessId, code, opened]);
      await client.query("UPDATE audit_logs a SET created_at = $3 FROM stores s WHERE a.business_id = $1 AND s.business_id = $1 AND s.code = $2 AND a.target_type = 'store' AND a.target_id = s.id::text", [b.businessId, code, opened]);
    }
    for (const [table, trigger] of APPEND_ONLY) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  });
}
