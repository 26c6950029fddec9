// The job worker as the webhooks bench runs it: the same startWorker as scripts/worker.ts (and
// so as `npm start`'s child process), except that it honours WEBHOOK_ALLOW_PRIVATE_URLS, which
// the bench needs for its receiver on 127.0.0.1 (scripts/worker.ts passes false). Run by
// webhook-bench-processes.ts, bundled and under plain node like npm start runs its worker, so
// the bench can stop and start delivery between runs without restarting the web server.
import { env } from "../server/env";
import { databaseUrl } from "../server/db/client";
import { startWorker } from "../server/jobs/start-worker";

const e = env();
const worker = await startWorker({
  url: databaseUrl(),
  log: (line) => console.log(`[bench worker] ${line}`),
  concurrency: e.WORKER_CONCURRENCY,
  staleAfterMs: e.WORKER_STALE_AFTER_MS,
  retentionDays: e.WEBHOOK_RETENTION_DAYS,
  allowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS,
});
process.send?.("ready");

let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  void worker.stop().then(() => process.exit(0), () => process.exit(1));
});
