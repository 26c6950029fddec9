// `npm run worker`: the job worker on its own, for deployments that run web servers and workers
// on separate machines (START_WORKER=0 on the web ones). `npm start` runs this same file as a
// child process, bundled next to the server. Needs DATABASE_URL, or the embedded database of a
// running `npm start` on this machine.
import { databaseUrl } from "../server/db/client";
import { env, privateUrlsWarning } from "../server/env";
import { startWorker, type JobWorker } from "../server/jobs/start-worker";
import { logger } from "../server/observability/logger";

const workerLog = logger().child({ component: "worker" });
const log = (line: string) => workerLog.info(line);
const e = env();
const warning = privateUrlsWarning();
if (warning) workerLog.warn(warning);

// Stopping: jobs in flight finish (a delivery job starts no new send once the queue asks it to
// stop, 5 s in, and requeues what it hadn't sent; a send waits at most its 10 s timeout), so
// about 15 s at most; queued jobs stay for other workers. A Ctrl-C reaches us twice (from the
// terminal, and relayed by npm start): a repeat within 2 s is the same request. A later one,
// or 30 s, ends it at once, and the heartbeat hands any job still locked to the others.
// Listening from the start: a signal while the worker is starting stops it once started.
let worker: JobWorker | undefined;
let stop: { code: number; at: number } | undefined;
function stopWorker(code: number) {
  setTimeout(() => process.exit(code), 30_000).unref();
  void worker!.stop().then(
    () => process.exit(code),
    (error: Error) => {
      workerLog.error({ err: error }, "stop failed");
      process.exit(1);
    },
  );
}
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (stop && Date.now() - stop.at < 2000) return;
    if (stop) process.exit(code);
    stop = { code, at: Date.now() };
    log(`${signal}: finishing running jobs`);
    if (worker) stopWorker(code);
  });
}

try {
  worker = await startWorker({
    url: databaseUrl(),
    log,
    concurrency: e.WORKER_CONCURRENCY,
    staleAfterMs: e.WORKER_STALE_AFTER_MS,
    retentionDays: e.WEBHOOK_RETENTION_DAYS,
    allowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS,
  });
} catch (error) {
  workerLog.fatal({ err: error }, "could not start");
  process.exit(1);
}
if (stop) stopWorker(stop.code);
