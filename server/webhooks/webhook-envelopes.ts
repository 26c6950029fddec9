// What a webhook request's body is, per event type: the envelope {id, type, createdAt,
// businessId, data} around the outbox's documented data (server/outbox/outbox-events.ts), plus
// the test event. The OpenAPI document's `webhooks` section and /docs are generated from these,
// and the delivery tests parse what a receiver got with them.
import { z } from "zod";
import { outboxEvents } from "../outbox/outbox-events";

export const testEventSchema = z
  .strictObject({
    message: z.string().meta({ description: "A sentence saying this is a test." }),
    endpointId: z.uuid().meta({ description: "The endpoint the test was sent to." }),
  })
  .meta({ description: "Sent only when you ask for it (POST /webhooks/{id}/test or the portal), only to that endpoint." });

export const webhookEventData = { ...outboxEvents, "webhook.test": testEventSchema } as const;
export type WebhookEventType = keyof typeof webhookEventData;

function envelope<T extends WebhookEventType>(type: T) {
  return z
    .strictObject({
      id: z.uuid().meta({ description: "The event's id, also sent as webhook-id: the same on every retry and resend. Deduplicate on it." }),
      type: z.literal(type),
      createdAt: z.iso.datetime({ precision: 3 }).meta({ description: "When the change the event announces was committed (UTC)." }),
      businessId: z.uuid().meta({ description: "The business the event belongs to." }),
      data: webhookEventData[type],
    })
    .meta({ id: `WebhookEvent.${type}`, description: webhookEventData[type].description });
}

export const webhookEnvelopes = Object.fromEntries(
  (Object.keys(webhookEventData) as WebhookEventType[]).map((type) => [type, envelope(type)]),
) as { [T in WebhookEventType]: ReturnType<typeof envelope<T>> };

// The request headers every delivery carries (Standard Webhooks).
export const webhookHeaders = z.object({
  "webhook-id": z.string().meta({ description: "The event's id (the body's id)." }),
  "webhook-timestamp": z.string().meta({ description: "Unix seconds when this attempt was signed. Refuse ones older than 5 minutes." }),
  "webhook-signature": z.string().meta({
    description: "Space-separated v1,<base64 HMAC-SHA256> signatures of `id.timestamp.body`; two during a secret rotation. Verify with any Standard Webhooks library.",
  }),
});

export const WEBHOOK_DELIVERY_RULES =
  "Any 2xx answer within 10 seconds counts as delivered; redirects are not followed. Anything else is retried with the same " +
  "webhook-id after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. A 410 Gone turns the endpoint off. After 3 days in which " +
  "every attempt failed the endpoint is marked FAILING and retries stop until you enable it again and replay what it missed. " +
  "Events arrive at least once and not necessarily in order: deduplicate on webhook-id and compare createdAt.";
