// WEB_CONCURRENCY > 1: the server process becomes a supervisor of that many copies of itself
// (node:cluster). They share PORT: the supervisor accepts connections and hands them out in
// turn. Nothing is shared in memory between them; what must hold across processes (rate
// limits, API key revocation, the ledger's rules) holds in Postgres, so any number of processes
// or machines can serve one database.
import cluster, { type Worker } from "node:cluster";

const RESTART_DELAY_MS = 1000;

export function superviseWorkers(count: number, log: (line: string) => void): void {
  let stopping = false;
  let exitCode = 0;
  const listening = new WeakSet<Worker>();
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const worker of alive()) worker.process.kill("SIGTERM");
    if (alive().length === 0) process.exit(exitCode);
  };

  cluster.on("listening", (worker) => listening.add(worker));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (alive().length === 0) process.exit(exitCode);
      return;
    }
    // One that never got as far as listening (a bad setting, the port taken) would fail the
    // same way again: stop, and let `npm start` report the failure.
    if (!listening.has(worker)) {
      log(`an app process failed to start (${signal ?? code}); stopping`);
      return stopAll(1);
    }
    // A crash (an out-of-memory kill) takes one process: the others keep serving meanwhile.
    log(`app process ${worker.process.pid} exited (${signal ?? code}); starting another in ${RESTART_DELAY_MS / 1000} s`);
    setTimeout(() => !stopping && cluster.fork(), RESTART_DELAY_MS);
  });
  // Each process finishes its requests in flight on SIGTERM (scripts/serve.ts); we exit after
  // the last, with the signal's code as `next start` does.
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) process.on(signal, () => stopAll(code));

  for (let i = 0; i < count; i++) cluster.fork();
  log(`${count} app processes share the port`);
}
