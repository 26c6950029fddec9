// The job queue's and the webhooks' backlog, read at scrape time in one round trip and kept for
// a few seconds: scrapes (two Prometheus servers, say) then cost the database one query per
// window and process, not one per scrape. Counts are over every business: no label
// names one.
//
// Pending deliveries have no index of their own (one on status would stop each attempt's
// update being HOT, see the schema), so that count reads the deliveries table; its retention
// (WEBHOOK_RETENTION_DAYS) bounds it, and the cache bounds how often.
import { db, rawPoolOf } from "../db/client";
import { JOB_SCHEMA } from "../jobs/install-job-queue";
import { logger } from "./logger";

export type Backlog = {
  jobsWaiting: number;
  jobsOldestSeconds: number;
  jobsRunning: number;
  jobsFailed: number;
  outboxPending: number;
  outboxOldestSeconds: number;
  webhooksPending: number;
  webhooksOldestSeconds: number;
};

const CACHE_MS = 5_000;

// is_available: not locked and attempts left (graphile-worker's own generated column, indexed).
const SQL = `
  SELECT
    (SELECT count(*) FROM ${JOB_SCHEMA}._private_jobs WHERE is_available AND run_at <= now())::int AS "jobsWaiting",
    coalesce((SELECT extract(epoch FROM now() - min(run_at)) FROM ${JOB_SCHEMA}._private_jobs WHERE is_available AND run_at <= now()), 0)::float8 AS "jobsOldestSeconds",
    (SELECT count(*) FROM ${JOB_SCHEMA}._private_jobs WHERE locked_at IS NOT NULL)::int AS "jobsRunning",
    (SELECT count(*) FROM ${JOB_SCHEMA}._private_jobs WHERE attempts >= max_attempts)::int AS "jobsFailed",
    (SELECT count(*) FROM "outbox_events" WHERE "published_at" IS NULL AND "event_id" IS NOT NULL)::int AS "outboxPending",
    coalesce((SELECT extract(epoch FROM now() - min("created_at")) FROM "outbox_events" WHERE "published_at" IS NULL AND "event_id" IS NOT NULL), 0)::float8 AS "outboxOldestSeconds",
    (SELECT count(*) FROM "webhook_deliveries" WHERE "status" = 'PENDING')::int AS "webhooksPending",
    coalesce((SELECT extract(epoch FROM now() - min("created_at")) FROM "webhook_deliveries" WHERE "status" = 'PENDING'), 0)::float8 AS "webhooksOldestSeconds"`;

let cached: { at: number; value: Promise<Backlog | null> } | undefined;

// null: the database could not be read (the gauges are then left out of the scrape rather than
// reporting a stale or zero backlog).
export function readBacklog(): Promise<Backlog | null> {
  const now = Date.now();
  if (!cached || now - cached.at > CACHE_MS) cached = { at: now, value: query() };
  return cached.value;
}

// Tests: read afresh after queueing a known backlog.
export function forgetBacklog(): void {
  cached = undefined;
}

async function query(): Promise<Backlog | null> {
  try {
    const pool = rawPoolOf(db);
    if (!pool) return null;
    const { rows } = await pool.query<Backlog>({ name: "ll-metrics-backlog", text: SQL });
    return rows[0] ?? null;
  } catch (error) {
    logger().warn({ err: error }, "metrics: could not read the job and webhook backlog");
    return null;
  }
}
