// What the job worker does: the task for each job name, and the schedule of the recurring ones.
// Every task is a thin adapter over a server/ function that the CLI can also call.
import { parseCronItems, type TaskList } from "graphile-worker";
import type pg from "pg";
import { rollUpAnalytics } from "../analytics/roll-up-analytics";
import { awardBirthdayBonuses } from "../campaigns/award-birthday-bonuses";
import { awardSignupBonus } from "../campaigns/award-signup-bonus";
import type { Db } from "../db/client";
import { expireDuePoints } from "../ledger/expire-due-points";
import { releasePendingPoints } from "../ledger/release-pending-points";
import { reevaluateTiers } from "../program/reevaluate-tiers";
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
    release_pending_points: async () => {
      const run = await releasePendingPoints(db);
      if (run.customers) log(`released pending points for ${run.customers} customers`);
    },
    // Daily for rolling tier bases; with {businessId} once after that business's tiers changed.
    reevaluate_tiers: async (payload) => {
      const { businessId } = (payload ?? {}) as { businessId?: string };
      const run = await reevaluateTiers(db, { businessId });
      if (run.changed) log(`${run.changed} customers changed tier`);
    },
    warn_expiring_points: async () => {
      const run = await warnExpiringPoints(db);
      if (run.lots) log(`points.expiring_soon written for ${run.lots} lots`);
    },
    // Queued by enrolment (server/campaigns/sql/campaign-signup.sql) while a sign-up campaign runs.
    campaign_signup: async (payload) => {
      await awardSignupBonus(db, payload as { businessId: string; customerId: string; campaignIds: string[] });
    },
    birthday_bonuses: async () => {
      const run = await awardBirthdayBonuses(db);
      if (run.awards) log(`birthday bonus: ${run.points} points to ${run.awards} customers`);
      for (const failed of run.failed) log(`birthday bonus not awarded (${failed})`);
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
// depend on it); pending points: every minute (balances don't depend on it either, but the
// points.available event should be timely); rolling tiers: daily; rollup: nightly after the day
// settles (an hour past midnight UTC).
export const scheduledJobs = parseCronItems([
  { task: "expire_points", match: "5 * * * *", options: { backfillPeriod: 60 * 60 * 1000, queueName: "scheduled", jobKey: "expire_points" } },
  { task: "warn_expiring_points", match: "10 * * * *", options: { backfillPeriod: 60 * 60 * 1000, queueName: "scheduled", jobKey: "warn_expiring_points" } },
  { task: "webhook_maintenance", match: "25 * * * *", options: { backfillPeriod: 60 * 60 * 1000, queueName: "scheduled", jobKey: "webhook_maintenance" } },
  { task: "release_pending_points", match: "* * * * *", options: { backfillPeriod: 0, queueName: "scheduled", jobKey: "release_pending_points" } },
  { task: "reevaluate_tiers", match: "30 0 * * *", options: { backfillPeriod: 24 * 60 * 60 * 1000, queueName: "scheduled", jobKey: "reevaluate_tiers" } },
  // Hourly, so a missed run is made up the same day; each customer once a year whatever runs.
  { task: "birthday_bonuses", match: "40 * * * *", options: { backfillPeriod: 60 * 60 * 1000, queueName: "scheduled", jobKey: "birthday_bonuses" } },
  { task: "analytics_rollup", match: "15 1 * * *", options: { backfillPeriod: 24 * 60 * 60 * 1000, queueName: "scheduled", jobKey: "analytics_rollup" } },
]);
