// The delivery job: sends some of one endpoint's pending deliveries, signed, and records what
// happened (ll_record_webhook_attempts, one transaction). Every attempt is logged; failures are
// retried on the schedule in retry-schedule.ts by a new job; a 410 turns the endpoint off.
// Nothing is sent for an endpoint that is no longer active, nor the withdrawn events of an
// erased customer (erasure rewrites them to ids only); those deliveries end as not sent.
//
// Bodies are read a few at a time, just before they are sent, so an erasure that commits while
// the job runs withholds what is not yet on the wire. A job sends for at most SEND_BUDGET_MS (or
// until the worker stops): what it had no time for goes back to the queue unattempted, so a
// stopping worker finishes its jobs within its shutdown grace.
import type pg from "pg";
import { nextAttemptAt } from "./retry-schedule";
import { postWebhook } from "./post-webhook";
import { signWebhook } from "./sign-webhook";

export type DeliveryJob = { businessId: string; endpointId: string; deliveryIds: string[]; attempts: number };
export type DeliveryOptions = {
  allowPrivate: boolean;
  failingAfterMs: number;
  concurrency?: number;
  timeoutMs?: number;
  // Tests: a retry schedule in milliseconds instead of hours.
  retryDelaysMs?: readonly number[];
};

export const SEND_BUDGET_MS = 15_000;

type Endpoint = { url: string; status: string; secret: string; previous_secret: string | null };
type Pending = { id: string; event_id: string; withdrawn: boolean; body: string };
type Outcome = "delivered" | "retry" | "failed" | "skipped" | "gone";
type Result = { id: string; attempt: number; statusCode: number | null; durationMs: number; error: string | null; outcome: Outcome; nextAttemptAt: Date | null };

// Named statements: each of the worker's connections plans them once (they run per delivery).
// The envelope every receiver gets: {id, type, createdAt, businessId, data}, built in SQL from
// the outbox row so the payload is sent as stored, never re-serialised.
const PENDING_SQL = `
  SELECT d."id", o."event_id", (o."payload" ? 'erased' AND o."type" <> 'customer.erased') AS withdrawn,
         json_build_object('id', o."event_id", 'type', o."type", 'createdAt', ll_iso(o."created_at"),
                           'businessId', o."business_id", 'data', o."payload")::text AS body
    FROM "webhook_deliveries" d
    JOIN "outbox_events" o ON o."business_id" = d."business_id" AND o."id" = d."event_id"
   WHERE d."business_id" = $1 AND d."endpoint_id" = $2 AND d."id" = ANY($3::uuid[])
     AND d."status" = 'PENDING' AND d."attempts" = $4`;

const ENDPOINT_SQL = `
  SELECT "url", "status"::text AS status, "secret",
         CASE WHEN "previous_secret_expires_at" > now() THEN "previous_secret" END AS previous_secret
    FROM "webhook_endpoints" WHERE "business_id" = $1 AND "id" = $2`;

export async function deliverWebhooks(pool: pg.Pool, job: DeliveryJob, options: DeliveryOptions, signal?: AbortSignal): Promise<Result[]> {
  const { businessId, endpointId } = job;
  const endpoint = (await pool.query<Endpoint>({ name: "ll-webhook-endpoint", text: ENDPOINT_SQL, values: [businessId, endpointId] })).rows[0];
  if (!endpoint) return []; // deleted: its deliveries went with it
  const attempt = job.attempts + 1;
  const secrets = endpoint.previous_secret ? [endpoint.secret, endpoint.previous_secret] : [endpoint.secret];

  const send = async (delivery: Pending): Promise<Result> => {
    const base = { id: delivery.id, attempt, statusCode: null, durationMs: 0, nextAttemptAt: null };
    if (endpoint.status !== "ACTIVE") return { ...base, outcome: "skipped", error: `not sent: the endpoint is ${endpoint.status.toLowerCase()}` };
    if (delivery.withdrawn) return { ...base, outcome: "skipped", error: "not sent: the customer was erased" };
    const headers = signWebhook(delivery.event_id, new Date(), delivery.body, secrets);
    const sent = await postWebhook({ url: endpoint.url, headers, body: delivery.body, allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs });
    const result = { ...base, statusCode: sent.statusCode, durationMs: sent.durationMs, error: sent.error };
    if (sent.statusCode !== null && sent.statusCode >= 200 && sent.statusCode < 300) return { ...result, error: null, outcome: "delivered" };
    if (sent.statusCode === 410) return { ...result, outcome: "gone" };
    const next = nextAttemptAt(attempt, new Date(), Math.random, options.retryDelaysMs);
    return { ...result, outcome: next ? "retry" : "failed", nextAttemptAt: next };
  };

  const started = Date.now();
  const results: Result[] = [];
  const unsent = [...job.deliveryIds];
  const chunk = options.concurrency ?? 8;
  while (unsent.length > 0 && Date.now() - started < SEND_BUDGET_MS && !signal?.aborted) {
    const ids = unsent.splice(0, chunk);
    const pending = (await pool.query<Pending>({ name: "ll-webhook-pending", text: PENDING_SQL, values: [businessId, endpointId, ids, job.attempts] })).rows;
    results.push(...(await Promise.all(pending.map(send))));
  }
  if (results.length === 0 && unsent.length === 0) return results;
  await pool.query({
    name: "ll-webhook-record",
    text: "SELECT ll_record_webhook_attempts($1, $2, $3::jsonb, $4::interval, $5::uuid[], $6)",
    values: [businessId, endpointId, JSON.stringify(results), `${Math.round(options.failingAfterMs / 1000)} seconds`, unsent, job.attempts],
  });
  return results;
}
