// `npm start`: the whole app from a fresh clone. Opens the database (embedded PostgreSQL under
// .data/ unless DATABASE_URL is set), migrates, seeds the demo business on the embedded
// database's first start, builds the production bundle when sources changed, then runs our HTTP
// server in front of Next (scripts/serve.ts) and the job worker (scripts/worker.ts) until Ctrl-C,
// and stops Postgres cleanly after both have exited.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { buildSync } from "esbuild";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createDb } from "../server/db/client";
import { connectionBudgetProblem } from "../server/db/connection-budget";
import { migrateDatabase } from "../server/db/migrate";
import { openDatabase } from "../server/db/open-database";
import { warnIfPrivileged } from "../server/db/warn-if-privileged";
import { env } from "../server/env";
import { retirePublishedDemoPassword } from "../server/seed/retire-published-password";
import { announceDemo, seedOnFirstStart } from "../server/seed/seed-on-first-start";

// Of widget/, only its bundler is part of Next's build: /widget.js itself is bundled from the
// sources when the server first serves it (app/widget.js/route.ts).
const SOURCES = ["app", "server", "components", "widget/build-widget.ts", "auth.ts", "prisma/schema.prisma", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry === "generated" || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = `${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`;
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

const log = (line: string) => console.log(`[loyalty] ${line}`);
const { PORT } = env();

const database = await openDatabase();
log(database.embedded ? `embedded PostgreSQL ${database.owned ? "started" : "already running, reused"} (data in ${env().DATA_DIR}/pg)` : "using DATABASE_URL");

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (database.owned) {
    log("stopping PostgreSQL");
    await database.stop().catch(() => {});
  }
  process.exit(code);
}

// From here on a Ctrl-C or SIGTERM stops Postgres cleanly, even during migrations or the build.
// Once the server and worker run, the signal goes to them and we follow when both have exited.
// `on`, not `once`: tsx relays a group signal to us as well, so the same signal may arrive twice.
let server: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let signalled = false;
let exitCode = 0;
const running = (child?: ChildProcess) => child !== undefined && child.exitCode === null && child.signalCode === null;
// Postgres stops only after both children are gone, so neither loses its database mid-write.
function stopWhenChildrenExit() {
  if (!running(server) && !running(worker)) void shutdown(exitCode);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    log(`${signal}: shutting down`);
    for (const child of [server, worker]) if (running(child)) child!.kill("SIGTERM");
    stopWhenChildrenExit();
  });
}

// Both run as plain JS files next to Next's build, run by Node itself: under tsx's loader every
// request cost about 10% more (GET /ping, 2 cores), and no npx or tsx wrapper sits between us
// and them, so signals reach them and a process-group kill (Playwright, systemd) takes them down
// with us. Packages stay imports; only our own TypeScript is bundled.
function bundle(entry: string, name: string): string {
  const outfile = path.resolve(process.env.NEXT_DIST_DIR ?? ".next", name);
  buildSync({ entryPoints: [entry], outfile, bundle: true, packages: "external", platform: "node", format: "esm", target: "node20", logLevel: "error" });
  return outfile;
}

// The worker runs in its own process, so deliveries use the second core rather than the web
// server's event loop. A worker that dies is started again after a pause: its jobs wait in the
// database meanwhile (and another worker, if any, takes them over).
function startJobWorker(file: string, url: string) {
  worker = spawn(process.execPath, [file], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production" } });
  worker.on("exit", (code, signal) => {
    if (signalled) return stopWhenChildrenExit();
    log(`job worker exited (${signal ?? code}); starting it again in 5 s`);
    setTimeout(() => !signalled && startJobWorker(file, url), 5000).unref();
  });
}

try {
  await migrateDatabase(database, { log });
  const db = createDb(database.url, 3);
  await warnIfPrivileged(db, (line) => log(`WARNING: ${line}`));
  const [limits] = await db.$queryRaw<{ allowed: number }[]>`
    SELECT (current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
            - coalesce(current_setting('reserved_connections', true)::int, 0)) AS allowed`;
  const tooMany = connectionBudgetProblem(env(), limits!.allowed);
  if (tooMany) throw new Error(tooMany);
  const seeded = await seedOnFirstStart(db, database);
  const retired = await retirePublishedDemoPassword(db);
  if (retired) log(`The demo owner ${retired.email} still had the password published in older releases; it is now ${retired.password} (shown once, temporary: choose a new one at sign-in).`);
  await db.$disconnect();

  if (process.argv.includes("--rebuild") || buildIsStale()) {
    log("building the production bundle (next build)...");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }

  server = spawn(process.execPath, [bundle("scripts/serve.ts", "serve.mjs")], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  // A shutdown we asked for is a success; a server that died on its own (a crash, an OOM kill)
  // is a failure, so a supervisor (systemd Restart=on-failure) restarts it.
  server.on("exit", (code) => {
    if (!signalled) {
      signalled = true;
      exitCode = code ?? 1;
      if (running(worker)) worker!.kill("SIGTERM");
    }
    stopWhenChildrenExit();
  });
  if (env().START_WORKER) startJobWorker(bundle("scripts/worker.ts", "worker.mjs"), database.url);
  else log("START_WORKER=0: no job worker here (webhooks, expiry and upkeep need `npm run worker` somewhere)");
  log(`Loyalty Ledger on http://localhost:${PORT}  (health: http://localhost:${PORT}/api/v1/health)`);
  if (seeded) announceDemo(seeded, log, PORT);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
