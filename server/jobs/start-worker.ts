// One job worker: graphile-worker's pool running our tasks and schedule, the outbox pump that
// turns committed events into delivery jobs, and the heartbeat that lets workers take over a
// dead one's jobs. Several workers (processes, machines) on one database share the work: each
// job is locked by one worker at a time, and each outbox event is fanned out once.
import { EventEmitter } from "node:events";
import { run, type Runner, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { createDb, dbLimits } from "../db/client";
import type { DeliveryJob, DeliveryOptions } from "../webhooks/deliver-webhooks";
import { startOutboxPump } from "../webhooks/pump-outbox";
import { FAILING_AFTER_MS } from "../webhooks/maintain-webhooks";
import { quietJobLogger } from "./install-job-queue";
import { jobTasks, scheduledJobs } from "./job-tasks";
import { startHeartbeat } from "./worker-heartbeat";

export type WorkerOptions = {
  url: string;
  log: (line: string) => void;
  concurrency: number;
  staleAfterMs: number;
  retentionDays: number;
  allowPrivateUrls: boolean;
  // Tests: poll the outbox faster, run without the recurring jobs, retry sooner.
  pollIntervalMs?: number;
  schedule?: boolean;
  delivery?: Partial<DeliveryOptions>;
};

export type JobWorker = { id: string; stop: () => Promise<void> };

export async function startWorker(options: WorkerOptions): Promise<JobWorker> {
  const { log } = options;
  const limits = dbLimits();
  // Jobs, the pump, the heartbeat and graphile's LISTEN connection share this pool.
  // Its commits don't wait for the WAL to reach the disk (synchronous_commit=off): everything it
  // writes is delivery bookkeeping that a crash may only set back, never lose. The WAL keeps
  // commit order, so what survives is a prefix: an event unpublished again is fanned out again
  // (its deliveries were lost with it), an attempt unrecorded is sent again (same webhook-id).
  // The ledger's own commits, and the scheduled jobs' ledger writes (on `db` below), stay
  // synchronous; they flush the worker's earlier commits with theirs anyway.
  const pool = new pg.Pool({
    connectionString: options.url,
    options: "-c synchronous_commit=off",
    max: options.concurrency + 4,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  });
  pool.on("error", (error) => log(`idle connection lost: ${error.message}`));
  // A connection that breaks while checked out (the database restarted) must not crash the
  // process: the query on it fails, and the job or the pump retries.
  pool.on("connect", (client) => client.on("error", (error) => log(`connection lost: ${error.message}`)));
  const db = createDb(options.url, 2);

  // The pool's id is the jobs' locked_by: the heartbeat publishes it.
  const events: WorkerEvents = new EventEmitter();
  let poolId: string | undefined;
  events.on("pool:create", ({ workerPool }) => (poolId ??= workerPool.id));
  // A delivery job the queue gave up on leaves its deliveries failed, not waiting for ever.
  events.on("job:failed", ({ job, error }) => {
    if (job.task_identifier !== "webhook_deliver") return;
    const { businessId, endpointId, deliveryIds, attempts } = job.payload as DeliveryJob;
    const reason = `outcome unknown: it may have been sent, but could not be recorded (${String((error as Error)?.message ?? error).slice(0, 200)}); replay to send it again`;
    pool
      .query("SELECT ll_give_up_deliveries($1, $2, $3::uuid[], $4, $5)", [businessId, endpointId, deliveryIds, attempts, reason])
      .catch((failure: Error) => log(`could not mark the deliveries of job ${job.id} failed: ${failure.message}`));
  });

  const tasks = jobTasks({
    db,
    pool,
    log,
    retentionDays: options.retentionDays,
    delivery: { allowPrivate: options.allowPrivateUrls, failingAfterMs: FAILING_AFTER_MS, ...options.delivery },
  });
  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      concurrency: options.concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: quietJobLogger,
      events,
      taskList: tasks,
      parsedCronItems: options.schedule === false ? [] : scheduledJobs,
    });
  } catch (error) {
    await pool.end();
    await db.$disconnect();
    throw error;
  }
  if (!poolId) throw new Error("the job queue started without a worker pool");
  // The queue makes up a missed nightly rollup, but not on an install (or upgrade) that has
  // never run one: history restored or loaded before the first night would otherwise be
  // aggregated on an owner's first visit to analytics (seconds on a large tenant). One run at
  // start fills whatever is missing; on a rolled-up database it only finds nothing to do.
  // Not fatal: the worker is running by now, and the nightly tick still comes.
  if (options.schedule !== false) {
    await runner.addJob("analytics_rollup", {}, { queueName: "scheduled", jobKey: "analytics_rollup" }).catch((error: Error) => log(`could not queue the start-up analytics rollup: ${error.message}`));
  }
  const heartbeat = await startHeartbeat(pool, poolId, { staleAfterMs: options.staleAfterMs, log });
  const pump = startOutboxPump(pool, { intervalMs: options.pollIntervalMs, log });
  log(`job worker ${poolId} running ${options.concurrency} jobs at a time`);

  let stopping: Promise<void> | undefined;
  return {
    id: poolId,
    // Graceful: the pump stops taking events, running jobs finish and the queue releases the
    // rest, then the worker leaves the heartbeat table.
    stop: () =>
      (stopping ??= (async () => {
        await pump.stop();
        await runner.stop();
        await heartbeat.stop();
        await db.$disconnect();
        await pool.end();
      })()),
  };
}
