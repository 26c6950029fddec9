// Hourly upkeep of webhook delivery, one business at a time:
// - an endpoint whose failure streak reached FAILING_AFTER_MS is marked FAILING, even when no
//   new delivery came along to notice it (deliveries notice it themselves otherwise);
// - delivery logs, finished deliveries and published outbox events (and those from before
//   delivery existed, which are never sent) older than the retention
//   period are deleted, in bounded batches so no statement holds locks for long. A delivery
//   still pending that old is long dead (retries end after about 28 hours): it goes too.
import type pg from "pg";

export const FAILING_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
const BATCH = 5000;

export type MaintenanceRun = { failing: number; stuck: number; deliveries: number; events: number };

export async function maintainWebhooks(pool: pg.Pool, options: { retentionDays: number; failingAfterMs?: number }): Promise<MaintenanceRun> {
  const run: MaintenanceRun = { failing: 0, stuck: 0, deliveries: 0, events: 0 };
  const cutoff = `${options.retentionDays} days`;
  const failingAfter = `${Math.round((options.failingAfterMs ?? FAILING_AFTER_MS) / 1000)} seconds`;
  const { rows: businesses } = await pool.query<{ id: string }>(`SELECT "id" FROM "businesses"`);
  for (const { id } of businesses) {
    const failing = await pool.query<{ n: number }>("SELECT ll_mark_failing_endpoints($1, NULL, $2::interval) AS n", [id, failingAfter]);
    run.failing += failing.rows[0]!.n;
    // A delivery still pending two days on has no retry left to come (its job was lost, e.g. a
    // give-up that could not be recorded): it ends FAILED, so the log says so. Each run looks
    // at a few hours' worth, by endpoint and time on the log's index; replays count such
    // deliveries as missed whatever this finds.
    const stuck = await pool.query(
      `UPDATE "webhook_deliveries" d SET "status" = 'FAILED', "next_attempt_at" = NULL,
              "last_error" = 'not sent: no attempt for 2 days (its job was lost); replay to send it'
         FROM "webhook_endpoints" e
        WHERE e."business_id" = $1 AND d."business_id" = e."business_id" AND d."endpoint_id" = e."id"
          AND d."created_at" >= now() - interval '2 days 6 hours' AND d."created_at" < now() - interval '2 days'
          AND d."status" = 'PENDING'`,
      [id],
    );
    run.stuck += stuck.rowCount ?? 0;
    // Their attempts go with them (ON DELETE CASCADE). By endpoint, on the log's own index.
    run.deliveries += await deleteInBatches(pool, `
      DELETE FROM "webhook_deliveries" WHERE ("business_id", "id") IN (
        SELECT d."business_id", d."id" FROM "webhook_endpoints" e
          JOIN "webhook_deliveries" d ON d."business_id" = e."business_id" AND d."endpoint_id" = e."id"
         WHERE e."business_id" = $1 AND d."created_at" < now() - $2::interval LIMIT ${BATCH})`, [id, cutoff]);
    run.events += await deleteInBatches(pool, `
      DELETE FROM "outbox_events" WHERE ("business_id", "id") IN (
        SELECT o."business_id", o."id" FROM "outbox_events" o
         WHERE o."business_id" = $1 AND o."created_at" < now() - $2::interval
           AND (o."published_at" IS NOT NULL OR o."event_id" IS NULL)
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
