// Hourly upkeep of webhook delivery, one business at a time:
// - an endpoint whose failure streak reached FAILING_AFTER_MS is marked FAILING, even when no
//   new delivery came along to notice it (deliveries notice it themselves otherwise);
// - delivery logs, finished deliveries and published outbox events (and those from before
//   delivery existed, which are never sent) older than the retention
//   period are deleted, in bounded batches so no statement holds locks for long. An event
//   with a delivery still pending is kept, whatever its age;
// - a delivery overdue by a day (its job failed for good, or no worker ran) is given up, so it
//   shows as failed and a replay sends it, instead of waiting for ever.
import type pg from "pg";

export const FAILING_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
const BATCH = 5000;

export type MaintenanceRun = { failing: number; stuck: number; attempts: number; deliveries: number; events: number };
const STUCK_AFTER = "1 day";

export async function maintainWebhooks(pool: pg.Pool, options: { retentionDays: number; failingAfterMs?: number }): Promise<MaintenanceRun> {
  const run: MaintenanceRun = { failing: 0, stuck: 0, attempts: 0, deliveries: 0, events: 0 };
  const cutoff = `${options.retentionDays} days`;
  const failingAfter = `${Math.round((options.failingAfterMs ?? FAILING_AFTER_MS) / 1000)} seconds`;
  const { rows: businesses } = await pool.query<{ id: string }>(`SELECT "id" FROM "businesses"`);
  for (const { id } of businesses) {
    const failing = await pool.query<{ n: number }>("SELECT ll_mark_failing_endpoints($1, NULL, $2::interval) AS n", [id, failingAfter]);
    run.failing += failing.rows[0]!.n;
    const stuck = await pool.query(
      `UPDATE "webhook_deliveries" SET "status" = 'FAILED', "next_attempt_at" = NULL,
              "last_error" = 'not sent: no attempt could be made for a day; replay to send it'
        WHERE "business_id" = $1 AND "status" = 'PENDING' AND coalesce("next_attempt_at", "created_at") < now() - $2::interval`,
      [id, STUCK_AFTER],
    );
    run.stuck += stuck.rowCount ?? 0;
    run.attempts += await deleteInBatches(pool, `
      DELETE FROM "webhook_attempts" WHERE ("business_id", "id") IN (
        SELECT "business_id", "id" FROM "webhook_attempts" WHERE "business_id" = $1 AND "created_at" < now() - $2::interval LIMIT ${BATCH})`, [id, cutoff]);
    run.deliveries += await deleteInBatches(pool, `
      DELETE FROM "webhook_deliveries" WHERE ("business_id", "id") IN (
        SELECT "business_id", "id" FROM "webhook_deliveries"
         WHERE "business_id" = $1 AND "created_at" < now() - $2::interval AND "status" <> 'PENDING' LIMIT ${BATCH})`, [id, cutoff]);
    run.events += await deleteInBatches(pool, `
      DELETE FROM "outbox_events" WHERE ("business_id", "id") IN (
        SELECT o."business_id", o."id" FROM "outbox_events" o
         WHERE o."business_id" = $1 AND o."created_at" < now() - $2::interval
           AND (o."published_at" IS NOT NULL OR o."event_id" IS NULL)
           AND NOT EXISTS (SELECT 1 FROM "webhook_deliveries" d WHERE d."business_id" = o."business_id" AND d."event_id" = o."id" AND d."status" = 'PENDING')
         LIMIT ${BATCH})`, [id, cutoff]);
  }
  return run;
}

async function deleteInBatches(pool: pg.Pool, sql: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await pool.query(sql, params);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) return total;
  }
}
