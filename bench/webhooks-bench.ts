// npm run bench:webhooks — webhook delivery end to end, against the production server.
// The web server (npm start, START_WORKER=0) takes awards over HTTP; the bench runs the job
// worker itself (bench/webhook-worker.ts: the same startWorker, bundled and under node, so it
// can be stopped between runs) and a receiver on 127.0.0.1 (its own thread, every signature
// verified) subscribed to "*". Each award writes an outbox event; lag = its receipt time -
// its created_at (see webhook-event-tracker.ts). Three phases:
//  1. steady: awards at BENCH_RATE (200) req/s for BENCH_SECONDS (20). Lag p50/p99/max,
//     delivered events/s, and whether every event arrived once. Goal: lag p99 < 1 s. The outbox
//     is polled every 200 ms, so about 100 ms of any lag is the wait for the next poll.
//  2. max: awards as fast as npm run bench sends them (BENCH_CONNECTIONS, 20). Each second the
//     backlog (events written, not yet received) and the database's part of it (unpublished
//     outbox rows, PENDING deliveries). Goal: delivery keeps up, i.e. the backlog's slope is
//     about 0 events/s (a backlog that grows by (write - delivery rate) each second does not),
//     and it drains within a second or so of the load stopping.
//  3. overhead: award req/s with the worker delivering vs with no worker at all, alternating
//     over BENCH_ROUNDS rounds, each normalised by the round's GET /ping (the no-database route,
//     as npm run bench does). Goal: the award/ping ratio drops by no more than 10%.
// Each phase prints CPU per process group (% of one core; 2 cores = 200%): which of server,
// worker, bench (autocannon + receiver), the worker's Postgres sessions (pg:worker) and the
// rest of Postgres was busy, and Postgres's commits and WAL fsyncs per second. Everything
// shares 2 cores: compare ratios, and run it on a quiet machine (load average printed first).
// Settings: BENCH_PORT (3300), BENCH_SECONDS, BENCH_RATE, BENCH_CONNECTIONS, BENCH_RATE_CONNECTIONS
// (4), BENCH_ROUNDS (3), BENCH_WORKER_PGOPTIONS (see below). Data in .data/bench-webhooks.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { createApiKey } from "../server/api-keys/create-api-key";
import { createDb } from "../server/db/client";
import { openDatabase } from "../server/db/open-database";
import { awardPoints } from "../server/ledger";
import { jobActor } from "../server/actors/actor";
import { createWebhookEndpoint } from "../server/webhooks/manage-webhook-endpoints";
import { processGroupOf, type Groups } from "./process-cpu";
import { loader, usageMeter, type LoadRun } from "./webhook-bench-measures";
import { bundle, startReceiver, startWorkerProcess, type WorkerProcess } from "./webhook-bench-processes";
import { EventTracker, percentile, slope } from "./webhook-event-tracker";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const DURATION = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const RATE_CONNECTIONS = Number(process.env.BENCH_RATE_CONNECTIONS ?? 4); // see http-bench.ts
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Experiments on the worker's database sessions without a code change, e.g.
// BENCH_WORKER_PGOPTIONS="-c synchronous_commit=off" (node-pg reads PGOPTIONS).
const WORKER_PGOPTIONS = process.env.BENCH_WORKER_PGOPTIONS;
const DRAIN_TIMEOUT_MS = 120_000;
const DATA_DIR = ".data/bench-webhooks";
const base = `http://127.0.0.1:${PORT}`;

console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores (a quiet machine: well under 1)`);
rmSync(DATA_DIR, { recursive: true, force: true });
Object.assign(process.env, { DATA_DIR, EMBEDDED_PG_PORT: "0", WEBHOOK_ALLOW_PRIVATE_URLS: "1" });
const server = spawn("npx", ["tsx", "scripts/start.ts"], {
  env: { ...process.env, PORT: String(PORT), START_WORKER: "0", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
let worker: WorkerProcess | undefined;
const stopAll = () => {
  for (const pid of [worker?.pid, server.pid]) if (pid) try { process.kill(-pid, "SIGTERM"); } catch { /* gone */ }
};
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));

for (let i = 0; ; i++) {
  if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
  if (i > 1200) throw new Error("server did not start in 10 minutes");
  await new Promise((r) => setTimeout(r, 500));
}

// Fixture (as npm run bench): a business, a key, 1,000 customers; the endpoint first, so the
// fixture's events are the delivery path's warm-up.
const database = await openDatabase();
const db = createDb(database.url, 10);
const business = await db.business.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
const actor = jobActor(business.id);
const receiver = await startReceiver(DATA_DIR);
const { secret } = await createWebhookEndpoint(db, actor, { url: receiver.url, events: ["*"], description: "bench receiver" });
await receiver.setSecret(secret);
const { key } = await createApiKey(db, actor, { name: "bench", rateLimitPerMinute: 100_000 });
const ids: string[] = [];
for (let i = 0; i < 1000; i++) ids.push((await awardPoints(db, actor, { customerEmail: `c${i}@bench.test`, amount: 1_000_000 })).transaction.customerId);
const owner = createDb(database.migrationUrl, 1);
await owner.$executeRawUnsafe("VACUUM ANALYZE");
await owner.$disconnect();

const pool = new pg.Pool({ connectionString: database.url, max: 3 });
pool.on("error", () => {}); // idle connections closed by the server at shutdown
const tracker = new EventTracker(pool, business.id, receiver, 0n);
const workerFile = bundle("bench/webhook-worker.ts", DATA_DIR);
// PGAPPNAME names the worker's sessions, so their Postgres CPU is counted apart ("pg:worker").
const WORKER_APP_NAME = "loyalty-bench-worker";
const workerEnv = { ...process.env, DATABASE_URL: database.url, PGAPPNAME: WORKER_APP_NAME, ...(WORKER_PGOPTIONS && { PGOPTIONS: WORKER_PGOPTIONS }) };
const workerOn = async () => (worker ??= await startWorkerProcess(workerFile, workerEnv));
if (WORKER_PGOPTIONS) console.log(`the worker's sessions run with PGOPTIONS=${WORKER_PGOPTIONS}`);
const workerOff = async () => {
  await worker?.stop();
  worker = undefined;
};
const groups = (): Groups => new Map([[server.pid!, "server"], [processGroupOf("self"), "bench"], ...(worker ? [[worker.pid, "worker"] as [number, string]] : [])]);
const drain = async () => {
  const ms = await tracker.drain(DRAIN_TIMEOUT_MS);
  if (ms === null) console.log(`  !! ${await tracker.poll()} events still not received after ${DRAIN_TIMEOUT_MS / 1000} s`);
  return ms;
};

const { usage, describeUsage } = usageMeter(pool, groups, WORKER_APP_NAME);
const pick = (i: number) => ids[(i * 7919) % ids.length]!;
const load = loader({ base, key, duration: DURATION, connections: CONNECTIONS, rateConnections: RATE_CONNECTIONS, body: (i) => ({ customerId: pick(i), amount: 5 }) });
const ms = (x: number) => `${Math.round(x)} ms`;
const errors = (r: LoadRun) => (r.errors ? `  (non-2xx/errors: ${r.errors})` : "");

const started = performance.now();
await workerOn();
await drain();
console.log(`warm-up: the fixture's ${tracker.events.length} events delivered ${((performance.now() - started) / 1000).toFixed(1)} s after the worker started`);
await load("/api/v1/ping", undefined, 3);
await load("/api/v1/points/award", undefined, 3);
await drain();

// Phase 1: steady rate.
let from = await tracker.lastSeq();
let before = await usage();
const steady = await load("/api/v1/points/award", RATE);
const steadyUsage = await describeUsage(before);
await drain();
let events = tracker.after(from);
const received = events.filter((e) => e.receivedAt !== undefined);
const lags = received.map((e) => e.receivedAt! - e.createdAt).sort((a, b) => a - b);
// From the first event's commit to the last receipt.
const span = received.length ? (Math.max(...received.map((e) => e.receivedAt!)) - Math.min(...events.map((e) => e.createdAt))) / 1000 : NaN;
console.log(`\n1. steady: awards at ${RATE} req/s (${RATE_CONNECTIONS} connections) for ${DURATION} s: ${steady.perSecond.toFixed(0)} req/s, p99 ${steady.p99} ms${errors(steady)}`);
if (steady.perSecond < RATE * 0.95) console.log(`   !! the load generator could not hold ${RATE} req/s (a busy machine, or too few BENCH_RATE_CONNECTIONS for the latency)`);
console.log(`   lag commit -> receipt: p50 ${ms(percentile(lags, 0.5))}  p99 ${ms(percentile(lags, 0.99))}  max ${ms(lags.at(-1) ?? NaN)}   (goal: p99 < 1000 ms)`);
console.log(`   delivered ${received.length} of ${events.length} events, ${(received.length / span).toFixed(0)} events/s; ${tracker.duplicates} duplicates, ${receiver.badSignatures()} bad signatures so far`);
console.log(`   ${steadyUsage}`);

// Phase 2: the top write rate; the backlog sampled every second.
from = await tracker.lastSeq();
const samples: { t: number; written: number; backlog: number; unpublished: number; pending: number }[] = [];
let loading = true;
const loadStart = performance.now();
const loadStartMs = Date.now();
before = await usage();
const sampling = (async () => {
  for (let n = 1; loading; n++) {
    await new Promise((r) => setTimeout(r, Math.max(0, loadStart + n * 1000 - performance.now())));
    const backlog = await tracker.poll();
    const { rows } = await pool.query<{ unpublished: number; pending: number }>(
      `SELECT (SELECT count(*) FROM "outbox_events" WHERE "published_at" IS NULL)::int AS unpublished,
              (SELECT count(*) FROM "webhook_deliveries" WHERE "business_id" = $1 AND "status" = 'PENDING')::int AS pending`,
      [business.id],
    );
    samples.push({ t: (performance.now() - loadStart) / 1000, written: tracker.after(from).length, backlog, ...rows[0]! });
  }
})();
const max = await load("/api/v1/points/award");
loading = false;
const loadEndMs = Date.now();
const maxUsage = await describeUsage(before);
await sampling;
const drainMs = await drain();
events = tracker.after(from);
const loadSeconds = (loadEndMs - loadStartMs) / 1000;
const deliveredInLoad = events.filter((e) => e.receivedAt !== undefined && e.receivedAt <= loadEndMs).length;
const growth = slope(samples.filter((s) => s.t >= 2).map((s) => [s.t, s.backlog]));
const at = (f: number) => samples[Math.min(samples.length - 1, Math.floor((samples.length - 1) * f))];
const show = (s?: (typeof samples)[number]) => (s ? `${s.backlog} (${s.unpublished} unpublished, ${s.pending} pending)` : "-");
const maxLags = events.filter((e) => e.receivedAt !== undefined).map((e) => e.receivedAt! - e.createdAt).sort((a, b) => a - b);
console.log(`\n2. max: awards from ${CONNECTIONS} connections for ${DURATION} s: ${max.perSecond.toFixed(0)} req/s, p99 ${max.p99} ms${errors(max)}`);
console.log(`   written ${(events.length / loadSeconds).toFixed(0)} events/s, delivered ${(deliveredInLoad / loadSeconds).toFixed(0)} events/s while loading`);
console.log(`   backlog (written, not received) at start ${show(at(0))}, middle ${show(at(0.5))}, end ${show(at(1))}`);
console.log(`   backlog slope ${growth.toFixed(1)} events/s (goal: about 0; growing means delivery is slower than writes)`);
console.log(`   drained ${drainMs === null ? "NOT within the timeout" : `${ms(drainMs)} after the load stopped`}; lag p50 ${ms(percentile(maxLags, 0.5))} p99 ${ms(percentile(maxLags, 0.99))}`);
console.log(`   ${maxUsage}`);

// Phase 3: the award route with and without delivery, alternating, each run from an empty backlog.
console.log(`\n3. overhead: award req/s with the worker delivering vs no worker, ${ROUNDS} rounds of ${DURATION} s runs`);
const ratios = { with: [] as number[], without: [] as number[] };
for (let round = 1; round <= ROUNDS; round++) {
  const ping = await load("/api/v1/ping");
  const order = round % 2 ? (["with", "without"] as const) : (["without", "with"] as const);
  const line = [`   [${round}] ping ${ping.perSecond.toFixed(0)} req/s`];
  for (const mode of order) {
    if (mode === "with") await workerOn();
    else await workerOff();
    before = await usage();
    const run = await load("/api/v1/points/award");
    line.push(`award ${mode} delivery ${run.perSecond.toFixed(0)} req/s = ${(run.perSecond / ping.perSecond).toFixed(2)}x${errors(run)}  [${(await describeUsage(before)).replace("CPU, % of one core: ", "")}]`);
    ratios[mode].push(run.perSecond / ping.perSecond);
    await workerOn();
    await drain();
  }
  console.log(line.join("\n       "));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const drop = 100 * (1 - median(ratios.with) / median(ratios.without));
console.log(`   award/ping ratio, median: without delivery ${median(ratios.without).toFixed(2)}x, with ${median(ratios.with).toFixed(2)}x: ${drop.toFixed(1)}% drop (goal: <= 10%)`);

console.log(`\nall events: ${tracker.events.length} written, ${await tracker.poll()} not received, ${tracker.duplicates} duplicates, ${receiver.badSignatures()} bad signatures`);
await workerOff();
await receiver.stop();
await pool.end();
await db.$disconnect();
stopAll();
process.exit(0);
