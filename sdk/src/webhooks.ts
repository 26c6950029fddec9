// Checking a webhook request: its Standard Webhooks signature (made with your endpoint's secret)
// and timestamp (at most 5 minutes off), then the body as the typed event.
import { Webhook } from "standardwebhooks";
import { WebhookVerificationError } from "./errors.js";
import type { webhooks } from "./generated/openapi.js";

export type WebhookEventType = keyof webhooks & string;

type BodyOf<T> = T extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

// One event type's body ({id, type, createdAt, businessId, data}); without a type argument the
// union of them all, narrowed by `type`.
export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = { [K in T]: BodyOf<webhooks[K]["post"]> }[T];

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function headerRecord(headers: HeaderSource): Record<string, string> {
  const record: Record<string, string> = {};
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    headers.forEach((value, name) => (record[name.toLowerCase()] = value));
    return record;
  }
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (value !== undefined) record[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return record;
}

// payload: the raw body, exactly as received (not re-serialised JSON). Throws a
// WebhookVerificationError for a bad signature, a stale timestamp or missing headers.
export function verifyWebhook(payload: string | Uint8Array, headers: HeaderSource, secret: string): WebhookEvent {
  const text = typeof payload === "string" ? payload : new TextDecoder().decode(payload);
  let verified: unknown;
  try {
    verified = new Webhook(secret).verify(text, headerRecord(headers));
  } catch (error) {
    throw new WebhookVerificationError(`Webhook refused: ${(error as Error).message}`, { cause: error });
  }
  const event = verified as { type?: unknown };
  if (typeof event !== "object" || event === null || typeof event.type !== "string") {
    throw new WebhookVerificationError("Webhook refused: the body is not an event.");
  }
  return verified as WebhookEvent;
}
