// npm run bench:signin — does a flood of wrong sign-ins slow the public API down?
// Starts the production server on its own data dir and port, then measures the p99 of
// GET /api/v1/points/balance at a fixed rate (autocannon) in three runs:
//   quiet      no sign-ins;
//   throttled  20 wrong sign-ins per second at the real endpoint (POST /api/auth/callback/
//              credentials, CSRF token and all) for one account: after its 5 tries every
//              attempt is refused by the throttle before any hashing;
//   hashing    20 wrong sign-ins per second, each for a new email: never throttled, so every
//              one costs a full argon2id verify (the dummy hash an unknown email is compared
//              with has the same cost as a real one): the raw hashing cost the cap on
//              concurrent hashes must keep from the API.
// and prints each flood's p99 against the quiet one (goal: under 2x).
// Client addresses: our server takes the client address from the socket, so from one machine
// every attempt comes from 127.0.0.1. With the default per-address limit the address would
// be locked out after a few dozen attempts and "hashing" would measure refusals only; the
// server is therefore started with SIGN_IN_ATTEMPTS_PER_ADDRESS lifted, and the per-account
// throttle does the refusing in "throttled". A refusal by the address throttle takes the same
// path (a map lookup before any hashing), so "throttled" stands for both; a real flood from
// many addresses costs at most what "hashing" shows, until each address hits its own limit.
// The load generator shares the 2 cores with the server and Postgres; compare ratios.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, rmSync } from "node:fs";
import autocannon from "autocannon";
import { jobActor } from "../server/actors/actor";
import { createApiKey } from "../server/api-keys/create-api-key";
import { createBusiness } from "../server/businesses/create-business";
import { createDb } from "../server/db/client";
import { openDatabase } from "../server/db/open-database";
import { awardPoints } from "../server/ledger";

const PORT = Number(process.env.BENCH_PORT ?? 3310);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const API_RATE = Number(process.env.BENCH_API_RATE ?? 100);
const SIGN_INS_PER_SECOND = Number(process.env.BENCH_SIGN_INS ?? 20);
const DATA_DIR = ".data/bench-signin";
const base = `http://127.0.0.1:${PORT}`;

const SERVER_LOG = `${DATA_DIR}.log`;
rmSync(DATA_DIR, { recursive: true, force: true });
mkdirSync(".data", { recursive: true });
process.env.DATA_DIR = DATA_DIR;
process.env.EMBEDDED_PG_PORT = "0";
const server = spawn("npx", ["tsx", "scripts/start.ts"], {
  env: { ...process.env, PORT: String(PORT), DATA_DIR, EMBEDDED_PG_PORT: "0", NEXT_TELEMETRY_DISABLED: "1", SIGN_IN_ATTEMPTS_PER_ADDRESS: "1000000000" },
  // Auth.js logs every refused sign-in with its stack: to a file, not over the figures.
  stdio: ["ignore", "ignore", openSync(SERVER_LOG, "w")],
  detached: true,
});
const stopServer = () => server.pid && process.kill(-server.pid, "SIGTERM");
process.on("exit", stopServer);

for (let i = 0; ; i++) {
  if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
  if (i > 600) throw new Error(`server did not start in 5 minutes; see ${SERVER_LOG}`);
  await new Promise((r) => setTimeout(r, 500));
}

// Fixture: a business with an owner (a random password nobody is told), a key, 100 customers.
const database = await openDatabase();
const db = createDb(database.url, 4);
const { business, owner } = await createBusiness(db, { name: "Sign-in bench", ownerEmail: `owner-${Date.now()}@bench.test`, ownerPassword: randomBytes(18).toString("base64url") });
const actor = jobActor(business.id);
const { key } = await createApiKey(db, actor, { name: "bench", rateLimitPerMinute: 100_000 });
const ids: string[] = [];
for (let i = 0; i < 100; i++) ids.push((await awardPoints(db, actor, { customerEmail: `c${i}@bench.test`, amount: 1000 })).transaction.customerId);
await db.$executeRawUnsafe("VACUUM ANALYZE");

// Auth.js wants its CSRF cookie and the matching token on the form, as the login page sends.
const csrf = await fetch(`${base}/api/auth/csrf`);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

type Outcome = "throttled" | "refused" | "other";
async function signInAttempt(email: string): Promise<Outcome> {
  const body = new URLSearchParams({ email, password: randomBytes(12).toString("base64url"), csrfToken, callbackUrl: "/customers" });
  const response = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", body, headers: { cookie }, redirect: "manual" });
  const location = response.headers.get("location") ?? "";
  return location.includes("code=throttled") ? "throttled" : location.includes("error=CredentialsSignin") ? "refused" : "other";
}

// Open loop: attempts leave on a fixed schedule whether or not earlier ones have answered, as
// a real flood would.
function flood(emailFor: (i: number) => string) {
  const counts: Record<Outcome | "failed", number> = { throttled: 0, refused: 0, other: 0, failed: 0 };
  let i = 0;
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const attempt = signInAttempt(emailFor(i++)).then((o) => void counts[o]++, () => void counts.failed++);
    pending.add(attempt);
    void attempt.finally(() => pending.delete(attempt));
  }, 1000 / SIGN_INS_PER_SECOND);
  return async () => {
    clearInterval(timer);
    await Promise.all(pending);
    return counts;
  };
}

type Run = { p50: number; p99: number; perSecond: number; errors: number };
async function balanceLoad(duration = DURATION): Promise<Run> {
  let i = 0;
  const result = await autocannon({
    url: `${base}/api/v1/points/balance`,
    connections: 4,
    duration,
    overallRate: API_RATE,
    requests: [{ method: "GET", headers: { authorization: `Bearer ${key}` }, setupRequest: (r) => ({ ...r, path: `/api/v1/points/balance?customerId=${ids[i++ % ids.length]}` }) }],
  });
  return { p50: result.latency.p50, p99: result.latency.p99, perSecond: result.requests.average, errors: result.non2xx + result.errors };
}

// Warm-up: route modules, JIT, the pool, and the sign-in route with its first hash.
await balanceLoad(3);
for (let i = 0; i < 5; i++) await signInAttempt(`warm-${i}@bench.test`);

const show = (name: string, r: Run, extra = "") =>
  console.log(`${name.padEnd(12)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${r.perSecond.toFixed(0)} req/s${r.errors ? `  non-2xx/errors ${r.errors}` : ""}${extra}`);
console.log(`Sign-in bench: GET /points/balance at ${API_RATE} req/s for ${DURATION}s per run; floods of ${SIGN_INS_PER_SECOND} wrong sign-ins/s`);

const quiet = await balanceLoad();
show("quiet", quiet);

let stop = flood(() => owner.email);
const throttled = await balanceLoad();
let counts = await stop();
show("throttled", throttled, `  sign-ins: ${counts.throttled} throttled, ${counts.refused} hashed and refused, ${counts.other + counts.failed} other`);

const run = randomBytes(3).toString("hex");
stop = flood((i) => `nobody-${run}-${i}@bench.test`);
const hashing = await balanceLoad();
counts = await stop();
show("hashing", hashing, `  sign-ins: ${counts.throttled} throttled, ${counts.refused} hashed and refused, ${counts.other + counts.failed} other`);

console.log("\np99 under a sign-in flood against quiet (goal: under 2x)");
for (const [name, r] of [["throttled", throttled], ["hashing", hashing]] as const) console.log(`${name.padEnd(12)} ${(r.p99 / quiet.p99).toFixed(2)}x  (${r.p99} ms vs ${quiet.p99} ms)`);

await db.$disconnect();
stopServer();
process.exit(0);
