// A job worker inside the test process, on the test file's database, delivering to local
// receivers (private addresses allowed), with a retry schedule of milliseconds and the outbox
// polled often. Stopped after the file's tests.
import { afterAll } from "vitest";
import { db } from "../server/db/client";
import { startWorker, type JobWorker, type WorkerOptions } from "../server/jobs/start-worker";
import { generateWebhookSecret } from "../server/webhooks/webhook-secret";

export const FAST_RETRIES = [50, 50, 50, 50, 50, 50, 50];

export async function testWorker(options: Partial<WorkerOptions> = {}): Promise<JobWorker> {
  const worker = await startWorker({
    url: process.env.DATABASE_URL!,
    log: (line) => console.log(`[test worker] ${line}`),
    concurrency: 2,
    staleAfterMs: 60_000,
    retentionDays: 30,
    allowPrivateUrls: true,
    pollIntervalMs: 50,
    schedule: false,
    ...options,
    delivery: { retryDelaysMs: FAST_RETRIES, ...options.delivery },
  });
  afterAll(() => worker.stop());
  return worker;
}

// An endpoint written straight to the table: delivery tests are about sending, not about the
// checks on saving one (those have their own tests).
export async function endpointFor(businessId: string, url: string, events: string[] = ["*"]) {
  return db.webhookEndpoint.create({ data: { businessId, url, events, secret: generateWebhookSecret() } });
}
