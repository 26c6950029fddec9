// npm run bench — the public API under load (autocannon against the production server).
// Award and redeem over 1,000 customers and on one hot customer, next to two references
// measured in the same run: the server's cheapest route (no database) and the raw `pg`
// single-statement write. Prints each ratio, and p99 at a fixed 200 req/s. A second server on
// the same database with WEB_CONCURRENCY=2 (BENCH_PROCESSES, 0 to skip) takes the same awards
// and pings in each round, so one process and several compare within one run.
// The load generator shares the 2 cores with the server and Postgres; compare ratios.
import autocannon from "autocannon";
import pg from "pg";
import { createApiKey } from "../server/api-keys/create-api-key";
import { createDb } from "../server/db/client";
import { openDatabase } from "../server/db/open-database";
import { awardPoints } from "../server/ledger";
import { jobActor } from "../server/actors/actor";
import { measure } from "./bench-database";
import { startBenchServer, startSecondServer } from "./start-bench-server";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DATA_DIR = ".data/bench";
const base = `http://127.0.0.1:${PORT}`;
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 2);
const multi = `http://127.0.0.1:${PORT + 1}`;

const server = await startBenchServer({ port: PORT, dataDir: DATA_DIR });
// The same bundle `npm start` runs, as a second server on the same embedded database.
const multiServer = PROCESSES > 1 ? await startSecondServer({ port: PORT + 1, dataDir: DATA_DIR, env: { WEB_CONCURRENCY: String(PROCESSES) } }) : undefined;
const stopServer = () => {
  multiServer?.stop();
  server.stop();
};

// Fixture: a business, a key, 1,000 customers with plenty of points (through server/ code).
const database = await openDatabase();
const db = createDb(database.url, 10);
const business = await db.business.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
const actor = jobActor(business.id);
const { key } = await createApiKey(db, actor, { name: "bench", rateLimitPerMinute: 100_000 });
const ids: string[] = [];
for (let i = 0; i < 1000; i++) ids.push((await awardPoints(db, actor, { customerEmail: `c${i}@bench.test`, amount: 1_000_000 })).transaction.customerId);
const hot = ids[0]!;
// Settle the fixture load first, so autovacuum and a checkpoint don't land inside a measured run.
// As the tables' owner: the app's role may not vacuum them. CHECKPOINT needs a superuser (or
// pg_checkpoint), which neither role is; without it the run just starts sooner.
const owner = createDb(database.migrationUrl, 1);
await owner.$executeRawUnsafe("VACUUM ANALYZE");
await owner.$executeRawUnsafe("CHECKPOINT").catch(() => console.log("CHECKPOINT skipped: the owner role may not run it"));
await owner.$disconnect();

type Run = { perSecond: number; p50: number; p99: number; errors: number };

// Fixed-rate runs use few connections: autocannon releases a rate-limited run's requests in
// synchronised bursts, one per connection per tick, so 20 connections measure the burst
// queue (20 requests landing at once every 100 ms), not the latency at a steady 200 req/s.
const RATE_CONNECTIONS = Number(process.env.BENCH_RATE_CONNECTIONS ?? 4);

async function load(path: string, body?: (i: number) => object, overallRate?: number, at = base): Promise<Run> {
  let i = 0;
  const result = await autocannon({
    url: `${at}${path}`,
    connections: overallRate ? RATE_CONNECTIONS : CONNECTIONS,
    duration: DURATION,
    overallRate,
    requests: [
      {
        method: body ? "POST" : "GET",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        setupRequest: (request) => (body ? { ...request, body: JSON.stringify(body(i++)) } : request),
      },
    ],
  });
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

const pool = new pg.Pool({ connectionString: database.url, max: CONNECTIONS });
pool.on("error", () => {}); // idle connections closed by the server at shutdown
const raw = (customerId: string, points: number) =>
  pool.query(
    `WITH c AS (UPDATE customers SET balance = balance + $3 WHERE business_id = $1 AND id = $2 AND balance + $3 >= 0 RETURNING balance)
     INSERT INTO ledger_entries (business_id, customer_id, type, points, balance_after, actor_type, source)
     SELECT $1, $2, 'AWARD', $3, balance, 'API_KEY', 'API' FROM c`,
    [business.id, customerId, points],
  );

const pick = (i: number) => ids[(i * 7919) % ids.length]!;
// A new paid order each time (an order id is used once): one line, 10.00, earning 10 points.
let orders = 0;
const order = (i: number) => ({
  externalId: `bench-${++orders}`, customerId: pick(i), currency: "USD", subtotal: 1000, status: "PAID",
  items: [{ productExternalId: "beans", quantity: 1, unitPrice: 1000 }],
});

// Warm up each route for a few seconds: module loading, JIT and the pool's connections, so
// the first measured scenario isn't also the warm-up.
const warm = (path: string, body?: object, at = base) =>
  autocannon({
    url: `${at}${path}`,
    connections: CONNECTIONS,
    duration: 3,
    requests: [{ method: body ? "POST" : "GET", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body && JSON.stringify(body) }],
  });
await warm("/api/v1/ping");
await warm("/api/v1/points/award", { customerId: ids[1], amount: 1 });
await warm("/api/v1/points/redeem", { customerId: ids[1], amount: 1 });
await load("/api/v1/orders", order); // (warm-up: each order needs its own id)
if (multiServer) {
  await warm("/api/v1/ping", undefined, multi);
  await warm("/api/v1/points/award", { customerId: ids[1], amount: 1 }, multi);
}
const results: [string, Run][] = [];
const show = (name: string, r: Run) => {
  results.push([name, r]);
  console.log(`${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms${r.errors ? `  non-2xx/errors ${r.errors}` : ""}`);
};

// Scenarios run in rounds, each round measuring its own no-database reference: on a shared
// 2-core machine throughput drifts by 10-20% between minutes, and a ratio taken within one
// round is steadier than one taken across the whole run. Reported: the median over rounds.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCENARIOS: [string, () => Promise<Run>][] = [
  ["GET /ping (no database)", () => load("/api/v1/ping")],
  ["POST award, 1,000 customers", () => load("/api/v1/points/award", (i) => ({ customerId: pick(i), amount: 5 }))],
  ["POST redeem, 1,000 customers", () => load("/api/v1/points/redeem", (i) => ({ customerId: pick(i), amount: 1 }))],
  ["POST award, one hot customer", () => load("/api/v1/points/award", () => ({ customerId: hot, amount: 5 }))],
  ["POST redeem, one hot customer", () => load("/api/v1/points/redeem", () => ({ customerId: hot, amount: 1 }))],
  ["POST order (paid), 1,000 customers", () => load("/api/v1/orders", order)],
  ...(multiServer
    ? ([
        [`GET /ping, ${PROCESSES} processes`, () => load("/api/v1/ping", undefined, undefined, multi)],
        [`POST award, 1,000 customers, ${PROCESSES} processes`, () => load("/api/v1/points/award", (i) => ({ customerId: pick(i), amount: 5 }), undefined, multi)],
      ] as [string, () => Promise<Run>][])
    : []),
];
console.log(`HTTP bench: ${ROUNDS} rounds, ${DURATION}s per run, ${CONNECTIONS} connections, autocannon on the same 2 cores as the server`);
const ratios = new Map<string, number[]>();
for (let round = 1; round <= ROUNDS; round++) {
  let ping = 0;
  for (const [name, run] of SCENARIOS) {
    const r = await run();
    show(`${name} [${round}]`, r);
    if (name === "GET /ping (no database)") ping = r.perSecond;
    else ratios.set(name, [...(ratios.get(name) ?? []), r.perSecond / ping]);
  }
}
show(`POST award at 200 req/s (${RATE_CONNECTIONS} conn)`, await load("/api/v1/points/award", (i) => ({ customerId: pick(i), amount: 5 }), 200));
show(`POST redeem at 200 req/s (${RATE_CONNECTIONS} conn)`, await load("/api/v1/points/redeem", (i) => ({ customerId: pick(i), amount: 1 }), 200));
const rawRun = await measure(DURATION, CONNECTIONS, (i) => raw(pick(i), 5));
show("raw pg single-statement write", { ...rawRun, p50: Math.round(rawRun.p50), p99: Math.round(rawRun.p99) });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perSecond = (prefix: string) => median(results.filter(([n]) => n.startsWith(prefix)).map(([, r]) => r.perSecond));
console.log("\nratios, median over rounds (goal: award, redeem and orders >= 0.5x the no-database route; p99 < 50 ms at 200 req/s)");
for (const [name, xs] of ratios) {
  const list = xs.map((x) => x.toFixed(2)).join(" ");
  console.log(`${name.padEnd(30)} ${median(xs).toFixed(2)}x no-db route (rounds: ${list})   ${(perSecond(name) / rawRun.perSecond).toFixed(2)}x raw pg write`);
}
if (multiServer) {
  const one = ratios.get("POST award, 1,000 customers")!;
  const several = ratios.get(`POST award, 1,000 customers, ${PROCESSES} processes`)!;
  console.log(`awards, ${PROCESSES} processes vs 1 (same rounds): ${one.map((x, i) => (several[i]! / x).toFixed(2)).join(" ")}x`);
}
for (const name of ["POST award at 200", "POST redeem at 200"]) console.log(`${name.padEnd(30)} p99 ${results.find(([n]) => n.startsWith(name))![1].p99} ms`);

await pool.end();
await db.$disconnect();
stopServer();
process.exit(0);
