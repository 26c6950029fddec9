// What the job worker does: the task for each job name, and the schedule of the recurring ones.
// Every task is a thin adapter over a server/ function that the CLI can also call.
import { parseCronItems, type TaskList } from "graphile-worker";
import type pg from "pg";
import { rollUpAnalytics } from "../analytics/roll-up-analytics";
import type { Db } from "../db/client";
import { expireDuePoints } from "../ledger/expire-due-points";
import { warnExpiringPoints } from "../ledger/warn-expiring-points";
import { deliverWebhooks, type DeliveryJob, type DeliveryOptions } from "../webhooks/deliver-webhooks";
import { maintainWebhooks } from "../webhooks/maintain-webhooks";

export type TaskContext = { db: Db; pool: pg.Pool; delivery: DeliveryOptions; retentionDays: number; log: (line: string) => void };

export function jobTasks(context: TaskContext): TaskList {
  const { db, pool, log } = context;
  return {
    webhook_deliver: async (payload, helpers) => {
      await deliverWebhooks(pool, payload as DeliveryJob, context.delivery, helpers.abortSignal);
    },
    expire_points: async () => {
      const run = await expireDuePoints(db);
      if (run.customers) log(`expired ${run.points} points for ${run.customers} customers`);
    },
    warn_expiring_points: async () => {
      const run = await warnExpiringPoints(db);
      if (run.lots) log(`points.expiring_soon written for ${run.lots} lots`);
    },
    analytics_rollup: async () => {
      await rollUpAnalytics(db);
    },
    webhook_maintenance: async () => {
      const run = await maintainWebhooks(pool, { retentionDays: context.retentionDays });
      if (run.failing) log(`marked ${run.failing} webhook endpoint(s) failing`);
      if (run.stuck) log(`${run.stuck} webhook deliveries had no attempt for 2 days: marked failed`);
      if (run.deliveries + run.events) log(`pruned ${run.deliveries} deliveries (with their attempt logs) and ${run.events} events`);
    },
  };
}

// Recurring jobs run once per tick across all workers (the queue records each tick), one at a
// time in their own queue so two heavy ones never compete, and a tick missed while no worker
// ran is made up within the backfill period. Expiry and its warnings: hourly, as before (and balances never
// depend on it); rollup: nightly after the day settles (an hour past midnight UTC).
export const scheduledJobs = parseCronItems([
  { task: "expire_points", match: "5 * * * *", options: { backfillPeriod: 60 * 60 * 1000, queueName: "scheduled", jobKey: "expire_points" } },
  { task: "warn_expiring_points", match: "10 * * * *", options: { backfillPeriod: 60 * 60 * 1000, queueName: "scheduled", jobKey: "warn_expiring_points" } },
  { task: "webhook_maintenance", match: "25 * * * *", options: { backfillPeriod: 60 * 60 * 1000, queueName: "scheduled", jobKey: "webhook_maintenance" } },
  { task: "analytics_rollup", match: "15 1 * * *", options: { backfillPeriod: 24 * 60 * 60 * 1000, queueName: "scheduled", jobKey: "analytics_rollup" } },
]);
