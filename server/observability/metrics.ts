// Every Prometheus metric of a process, defined once (GET /metrics serves them, see
// serve-metrics.ts). Labels only ever come from fixed sets (route patterns, procedure paths,
// ledger ops, status codes): never a URL, an id, a business or a customer, so the number of
// series stays bounded and no tenant data leaves through a scrape.
//
// Kept on globalThis: Next.js may evaluate a module once per route bundle, and a metric can be
// registered only once per registry.
import cluster from "node:cluster";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { readBacklog, type Backlog } from "./read-backlog";
import { laneState } from "./lane-state";
import { readPoolUsage } from "./pool-usage";

// Seconds; a fixed list so every observation costs the same.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    httpDuration: new Histogram({
      name: "loyalty_http_request_duration_seconds",
      help: "Public REST API requests by route pattern (e.g. /customers/{id}), method and status code.",
      labelNames: ["route", "method", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    trpcDuration: new Histogram({
      name: "loyalty_trpc_call_duration_seconds",
      help: "Portal tRPC calls by procedure path, type and result (ok or the tRPC error code).",
      labelNames: ["procedure", "type", "result"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    ledgerWrites: new Counter({
      name: "loyalty_ledger_writes_total",
      help: "Ledger writes by op and outcome (written, replay: an idempotent repeat, refused: a business rule said no, error).",
      labelNames: ["op", "outcome"] as const,
      registers,
    }),
    ledgerBatchSize: new Histogram({
      name: "loyalty_ledger_batch_size",
      help: "Writes sent together in one ledger_write_batch() call by a lane (at most 32).",
      buckets: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
      registers,
    }),
    laneDepth: new Gauge({
      name: "loyalty_ledger_lane_queued_writes",
      help: "Ledger writes waiting in this process's lanes for the batch ahead of them.",
      registers,
      collect() {
        this.set(laneState().queued);
      },
    }),
    lanesBusy: new Gauge({
      name: "loyalty_ledger_lanes_busy",
      help: "Lanes with a batch in flight in this process.",
      registers,
      collect() {
        this.set(laneState().busy);
      },
    }),
    pool: new Gauge({
      name: "loyalty_db_pool_connections",
      help: "This process's database pool connections: total open, idle, and requests waiting for one; max is the configured size.",
      labelNames: ["state"] as const,
      registers,
      collect() {
        const usage = readPoolUsage();
        for (const state of ["total", "idle", "waiting", "max"] as const) this.set({ state }, usage[state]);
      },
    }),
    ...backlogGauges(registers),
  };
}

// Read from the database at scrape time (cached briefly in read-backlog.ts), so they are the
// same whichever process answers, and a scrape costs one query.
function backlogGauges(registers: Registry[]) {
  const gauge = (name: string, help: string, pick: (b: Backlog) => number) =>
    new Gauge({
      name,
      help,
      registers,
      // The same figure from every process: summed over a cluster it would count N times.
      aggregator: "max",
      async collect() {
        const backlog = await readBacklog();
        if (backlog) this.set(pick(backlog));
        else this.reset();
      },
    });
  return {
    jobsWaiting: gauge("loyalty_jobs_waiting", "Jobs due to run that no worker has taken yet (all task types).", (b) => b.jobsWaiting),
    jobsOldest: gauge("loyalty_jobs_oldest_waiting_seconds", "How long the oldest due, untaken job has waited (0: none).", (b) => b.jobsOldestSeconds),
    jobsRunning: gauge("loyalty_jobs_running", "Jobs a worker holds right now.", (b) => b.jobsRunning),
    jobsFailed: gauge("loyalty_jobs_failed", "Jobs that used up their attempts and stay in the queue for inspection.", (b) => b.jobsFailed),
    outboxPending: gauge("loyalty_outbox_unpublished_events", "Committed events not yet fanned out to webhook deliveries.", (b) => b.outboxPending),
    outboxOldest: gauge("loyalty_outbox_oldest_unpublished_seconds", "Age of the oldest event not yet fanned out (0: none).", (b) => b.outboxOldestSeconds),
    webhooksPending: gauge("loyalty_webhook_deliveries_pending", "Webhook deliveries not yet delivered or given up (retries included).", (b) => b.webhooksPending),
    webhooksOldest: gauge("loyalty_webhook_oldest_pending_seconds", "Age of the oldest pending webhook delivery (0: none).", (b) => b.webhooksOldestSeconds),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const holder = globalThis as unknown as { __loyaltyMetrics?: Metrics };

// Node's own metrics (CPU, memory, event loop lag, GC) from the first scrape on: a process that
// is never scraped (the CLI, the worker) doesn't pay for watching itself.
export function startDefaultMetrics(): void {
  const m = metrics();
  if (m.registry.getSingleMetric("process_cpu_seconds_total")) return;
  collectDefaultMetrics({ register: m.registry });
}

export function metrics(): Metrics {
  if (!holder.__loyaltyMetrics) {
    holder.__loyaltyMetrics = createMetrics();
    // Under the supervisor every process is scraped through it, so each watches itself from the start.
    if (cluster.isWorker) startDefaultMetrics();
  }
  return holder.__loyaltyMetrics;
}
