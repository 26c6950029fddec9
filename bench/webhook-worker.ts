// The job worker as the webhooks bench runs it: the same startWorker and settings as
// scripts/worker.ts (npm start's child process), WEBHOOK_ALLOW_PRIVATE_URLS honoured for the
// receiver on 127.0.0.1. The bench runs it itself (webhook-bench-processes.ts: bundled, under
// plain node, as npm start does) so it can stop and start delivery between runs without
// restarting the web server, and say when it is ready.
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
