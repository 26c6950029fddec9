// npm run bench:soak -- --minutes 30 [--rate 200] [--connections 8]
// The production server (scripts/start.ts, its own data dir) under steady mixed traffic for a
// long time: awards, redeems (balances stay far above what is redeemed, so they succeed),
// balance reads, and the portal's customer list as the browser asks for it (tRPC GET with a
// signed-in session cookie). One autocannon run per minute at a fixed overall rate; after each,
// a line: requests, non-2xx by class, connection errors/timeouts, p50/p99, and the resident
// memory of the app server (serve.mjs and its cluster workers), the job worker and Postgres.
// At the end, a verdict against the goals: no errors, app RSS growth under 10% after minute 5,
// p99 flat (last minute within 1.5x of minute 5). The load generator shares the machine's cores.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { randomPassword } from "../server/accounts/one-time-token";
import { createApiKey } from "../server/api-keys/create-api-key";
import { createBusiness } from "../server/businesses/create-business";
import { createDb } from "../server/db/client";
import { openDatabase } from "../server/db/open-database";
import { awardPoints } from "../server/ledger";
import { jobActor } from "../server/actors/actor";
import { memoryOf, type Memory } from "./process-memory";
import { signInCookie } from "./portal-sign-in";
import { startBenchServer } from "./start-bench-server";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    rate: { type: "string", default: "200" },
    connections: { type: "string", default: "8" },
    // Seconds per "minute": only for trying the bench itself out quickly.
    "minute-seconds": { type: "string", default: "60" },
  },
});
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const CONNECTIONS = Number(args.connections);
const MINUTE_SECONDS = Number(args["minute-seconds"]);
if (![MINUTES, RATE, CONNECTIONS, MINUTE_SECONDS].every((n) => Number.isInteger(n) && n > 0)) throw new Error("--minutes, --rate, --connections: positive whole numbers");

const PORT = Number(process.env.BENCH_PORT ?? 3301);
const DATA_DIR = ".data/bench-soak";
const base = `http://127.0.0.1:${PORT}`;

const server = await startBenchServer({ port: PORT, dataDir: DATA_DIR, stderr: "pipe" });
// The server's complaints while it is measured; not the noise of its shutdown at the end.
let measuring = true;
server.process.stderr!.on("data", (chunk: Buffer) => measuring && process.stderr.write(chunk));
const stopServer = server.stop;
process.on("SIGINT", () => process.exit(130));

// Fixture: a business with an owner (random password, used once to sign in), a key without a
// practical rate limit, and 1,000 customers holding far more points than the run redeems.
const database = await openDatabase();
const db = createDb(database.url, 4);
const ownerPassword = randomPassword();
const ownerEmail = `owner-${randomBytes(4).toString("hex")}@bench.test`;
const { business } = await createBusiness(db, { name: "Soak bench", ownerEmail, ownerPassword, ownerName: "Bench Owner" });
const actor = jobActor(business.id);
const { key } = await createApiKey(db, actor, { name: "soak", rateLimitPerMinute: 100_000 });
const ids: string[] = [];
for (let i = 0; i < 1000; i++) ids.push((await awardPoints(db, actor, { customerEmail: `c${i}@bench.test`, amount: 1_000_000 })).transaction.customerId);
await db.$disconnect();
const cookie = await signInCookie(base, ownerEmail, ownerPassword);

// The mix, cycled by every connection: 3 awards, 2 redeems, 3 balance reads, 2 portal list pages.
const api = { authorization: `Bearer ${key}`, "content-type": "application/json" };
let n = 0;
const pick = () => ids[(n++ * 7919) % ids.length]!;
const listInput = (page: number) => encodeURIComponent(JSON.stringify({ 0: { json: { page, perPage: 25, sortBy: "balance", sortOrder: "desc" } } }));
const award: autocannon.Request = { method: "POST", path: "/api/v1/points/award", headers: api, setupRequest: (r) => ({ ...r, body: JSON.stringify({ customerId: pick(), amount: 5 }) }) };
const redeem: autocannon.Request = { method: "POST", path: "/api/v1/points/redeem", headers: api, setupRequest: (r) => ({ ...r, body: JSON.stringify({ customerId: pick(), amount: 2 }) }) };
const balance: autocannon.Request = { method: "GET", path: "/api/v1/points/balance", headers: api, setupRequest: (r) => ({ ...r, path: `/api/v1/points/balance?customerId=${pick()}` }) };
const list: autocannon.Request = {
  method: "GET",
  path: "/api/trpc/customers.list",
  headers: { cookie },
  setupRequest: (r) => ({ ...r, path: `/api/trpc/customers.list?batch=1&input=${listInput(1 + (n++ % 40))}` }),
};
const MIX = [award, balance, list, redeem, award, balance, redeem, list, award, balance];

type Minute = { minute: number; requests: number; perSecond: number; ok: number; c4xx: number; c5xx: number; errors: number; timeouts: number; p50: number; p99: number; memory: Memory };

async function runFor(seconds: number): Promise<Omit<Minute, "minute" | "memory">> {
  const result = await autocannon({ url: base, connections: CONNECTIONS, overallRate: RATE, duration: seconds, timeout: 10, requests: MIX });
  const byClass = (prefix: string) => Object.entries(result.statusCodeStats ?? {}).reduce((sum, [code, s]) => sum + (code.startsWith(prefix) ? (s.count ?? 0) : 0), 0);
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    ok: result["2xx"],
    c4xx: byClass("4"),
    c5xx: byClass("5"),
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`.padStart(7);
const row = (m: Minute) =>
  [
    String(m.minute).padStart(3),
    String(m.requests).padStart(7),
    m.perSecond.toFixed(0).padStart(5),
    String(m.c4xx).padStart(4),
    String(m.c5xx).padStart(4),
    String(m.errors + m.timeouts).padStart(4),
    `${m.p50}`.padStart(5),
    `${m.p99}`.padStart(5),
    mb(m.memory.app),
    mb(m.memory.worker),
    mb(m.memory.postgres),
  ].join("  ");

console.log(`Soak: ${MINUTES} min at ${RATE} req/s overall, ${CONNECTIONS} connections; mix per 10 requests: 3 award, 2 redeem, 3 balance, 2 portal customer list (tRPC, signed in)`);
console.log("(autocannon runs on the same machine as the server and Postgres; 10 s warm-up first, not counted)");
await runFor(10);
console.log("min  requests  req/s   4xx  5xx  err  p50ms p99ms  app RSS  worker  pg priv");
const minutes: Minute[] = [];
for (let minute = 1; minute <= MINUTES; minute++) {
  const run = await runFor(MINUTE_SECONDS);
  const m = { minute, ...run, memory: memoryOf(server.process.pid!) };
  minutes.push(m);
  console.log(row(m));
}

// The goals, from minute 5 on (a shorter run compares with its first minute and says so).
const baseline = minutes.length > 5 ? minutes[4]! : minutes[0]!;
const last = minutes[minutes.length - 1]!;
const failures = minutes.reduce((sum, m) => sum + m.c4xx + m.c5xx + m.errors + m.timeouts, 0);
const growth = (last.memory.app - baseline.memory.app) / baseline.memory.app;
const p99Ratio = last.p99 / Math.max(baseline.p99, 1);
const shortfall = minutes.filter((m) => m.perSecond < RATE * 0.95).length;
const verdict = [
  [failures === 0, `errors: ${failures} non-2xx or failed requests (goal: none)`],
  [growth < 0.1, `app RSS: ${mb(baseline.memory.app).trim()} at minute ${baseline.minute} -> ${mb(last.memory.app).trim()} at minute ${last.minute}, ${(growth * 100).toFixed(1)}% (goal: < 10%)`],
  [p99Ratio <= 1.5, `p99: ${baseline.p99} ms at minute ${baseline.minute} -> ${last.p99} ms at minute ${last.minute}, ${p99Ratio.toFixed(2)}x (goal: flat, <= 1.5x)`],
] as const;
console.log(`\nverdict${minutes.length <= 5 ? ` (a run of ${minutes.length} min: baseline is minute 1; the goals are meant from minute 5 of a long run)` : ""}`);
for (const [ok, line] of verdict) console.log(`${ok ? "PASS" : "FAIL"}  ${line}`);
if (shortfall > 0) console.log(`note  ${shortfall} minute(s) below 95% of ${RATE} req/s: the machine could not keep the rate (latency then includes queueing)`);

measuring = false;
stopServer();
process.exit(verdict.every(([ok]) => ok) ? 0 : 1);
