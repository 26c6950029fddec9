// `npm run worker`: the job worker on its own, for deployments that run web servers and workers
// on separate machines (START_WORKER=0 on the web ones). `npm start` runs this same file as a
// child process, bundled next to the server. Needs DATABASE_URL, or the embedded database of a
// running `npm start` on this machine.
import { databaseUrl } from "../server/db/client";
import { env, privateUrlsWarning } from "../server/env";
import { startWorker } from "../server/jobs/start-worker";

const log = (line: string) => console.log(`[worker] ${line}`);
const e = env();
const warning = privateUrlsWarning();
if (warning) log(`WARNING: ${warning}`);

let worker: Awaited<ReturnType<typeof startWorker>>;
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
  console.error(`[worker] could not start: ${(error as Error).message}`);
  process.exit(1);
}

// Jobs in flight finish (a delivery job stops starting sends 5 s in and requeues the rest, and a
// send waits at most its 10 s timeout); queued jobs stay for other workers. A Ctrl-C reaches us
// twice (from the terminal, and relayed by npm start): a repeat within 2 s is the same request.
// A later one, or 30 s, ends it at once, and the heartbeat hands any job still locked to the others.
let stoppingSince = 0;
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (stoppingSince && Date.now() - stoppingSince < 2000) return;
    if (stoppingSince) process.exit(code);
    stoppingSince = Date.now();
    log(`${signal}: finishing running jobs`);
    setTimeout(() => process.exit(code), 30_000).unref();
    void worker.stop().then(
      () => process.exit(code),
      (error: Error) => {
        console.error(`[worker] stop failed: ${error.message}`);
        process.exit(1);
      },
    );
  });
}
