// WEB_CONCURRENCY > 1: the server process becomes a supervisor of that many copies of itself
// (node:cluster). They share PORT: the supervisor accepts connections and hands them out in
// turn. Nothing is shared in memory between them; what must hold across processes (rate
// limits, API key revocation, the ledger's rules) holds in Postgres, so any number of processes
// or machines can serve one database.
import cluster, { type Worker } from "node:cluster";
import { serveClusterMetrics } from "../observability/cluster-metrics";

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
// A process that ran this long before it died was healthy: the next restart waits the least.
const HEALTHY_AFTER_MS = 30_000;

export function superviseWorkers(count: number, log: (line: string) => void): void {
  let stopping = false;
  let exitCode = 0;
  let everListened = false;
  let delayMs = FIRST_DELAY_MS;
  const listeningSince = new WeakMap<Worker, number>();
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const worker of alive()) worker.process.kill("SIGTERM");
    if (alive().length === 0) process.exit(exitCode);
  };

  cluster.on("listening", (worker) => {
    everListened = true;
    listeningSince.set(worker, Date.now());
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (alive().length === 0) process.exit(exitCode);
      return;
    }
    // None ever got as far as listening (a bad setting, the port taken): every copy would fail
    // the same way. Stop, and let `npm start` report the failure.
    if (!everListened) {
      log(`an app process failed to start (${signal ?? code}); stopping`);
      return stopAll(1);
    }
    // A crash (an out-of-memory kill) takes one process: the others keep serving meanwhile. One
    // that keeps dying soon after starting is restarted less and less often.
    const since = listeningSince.get(worker);
    delayMs = since !== undefined && Date.now() - since > HEALTHY_AFTER_MS ? FIRST_DELAY_MS : Math.min(delayMs * 2, MAX_DELAY_MS);
    log(`app process ${worker.process.pid} exited (${signal ?? code}); starting another in ${delayMs / 1000} s`);
    setTimeout(() => !stopping && cluster.fork(), delayMs);
  });
  // Each process finishes its requests in flight on SIGTERM (scripts/serve.ts); we exit after
  // the last, with the signal's code as `next start` does.
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) process.on(signal, () => stopAll(code));

  serveClusterMetrics();
  for (let i = 0; i < count; i++) cluster.fork();
  log(`${count} app processes share the port`);
}
