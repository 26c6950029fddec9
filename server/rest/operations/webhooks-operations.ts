// Operations of the webhooks endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import {
  createWebhookInput,
  listDeliveriesInput,
  replayWebhookInput,
  webhookChangesInput,
  webhookIdParams,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENTS,
} from "../../webhooks/webhook-schemas";
import { defineOperation } from "../operation";
import { paginationSchema } from "../schemas";

const endpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    status: z.enum(["ACTIVE", "DISABLED", "FAILING"]).meta({
      description: "ACTIVE receives events. DISABLED: turned off by its owner, or it answered 410 Gone. FAILING: every delivery failed for 3 days; retries stopped.",
    }),
    statusReason: z.string().nullable().meta({ description: "Why it is DISABLED or FAILING, in a sentence." }),
    failingSince: z.iso.datetime().nullable().meta({ description: "First failed attempt since the last success; null while deliveries succeed." }),
    previousSecretExpiresAt: z.iso.datetime().nullable().meta({ description: "During a secret rotation: when the old secret stops signing." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    disabledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "WebhookEndpoint" });

const attemptSchema = z.object({
  attempt: z.int(),
  statusCode: z.int().nullable().meta({ description: "The receiver's HTTP status; null when no answer came (timeout, refused, not sent)." }),
  durationMs: z.int(),
  error: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable().meta({ description: "When this attempt's failure scheduled the next one." }),
  createdAt: z.iso.datetime(),
});

const deliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().meta({ description: "The event's id: the payload's id and the webhook-id header." }),
    eventType: z.string(),
    eventCreatedAt: z.iso.datetime(),
    kind: z.enum(["EVENT", "TEST", "RESEND", "REPLAY"]),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    attemptLog: z.array(attemptSchema),
  })
  .meta({ id: "WebhookDelivery" });

const queuedDelivery = z.object({ deliveryId: z.uuid().meta({ description: "The new delivery; follow it in the delivery log." }) });

export const createWebhookOperation = defineOperation({
  method: "POST",
  path: "/webhooks",
  tag: "Webhooks",
  summary: "Create a webhook endpoint",
  description:
    `Subscribes an https URL to events: ${WEBHOOK_EVENTS.join(", ")}, or "*" for all (points/earned is read as points.earned). ` +
    "The URL must resolve to public addresses only: loopback, private, link-local and cloud metadata addresses are refused in any spelling. " +
    "The answer holds the signing secret (Standard Webhooks, whsec_...) exactly once: store it now, it is never shown again. " +
    "Events carry customers' personal data, so the key also needs customers:read (or customers:write).",
  scope: "webhooks:manage",
  body: createWebhookInput,
  response: z.object({ endpoint: endpointSchema, secret: z.string().meta({ description: "Shown once." }) }),
  status: 201,
  example: { url: "https://example.com/hooks/loyalty", events: ["points.earned", "points.redeemed"], description: "Shop backend" },
  errors: ["VALIDATION_ERROR", "FORBIDDEN"],
});

export const listWebhooksOperation = defineOperation({
  method: "GET",
  path: "/webhooks",
  tag: "Webhooks",
  summary: "List webhook endpoints",
  description: "Newest first, without their secrets.",
  scope: "webhooks:manage",
  response: z.array(endpointSchema),
  status: 200,
});

export const deleteWebhookOperation = defineOperation({
  method: "DELETE",
  path: "/webhooks/{id}",
  tag: "Webhooks",
  summary: "Delete a webhook endpoint",
  description: "Stops all deliveries to it and forgets its secret.",
  scope: "webhooks:manage",
  params: webhookIdParams,
  response: z.object({ deleted: z.literal(true), id: z.uuid() }),
  status: 200,
  errors: ["NOT_FOUND"],
});

export const getWebhookOperation = defineOperation({
  method: "GET",
  path: "/webhooks/{id}",
  tag: "Webhooks",
  summary: "Get a webhook endpoint",
  description: "Its subscriptions and health (status, why, failing since when), without the secret.",
  scope: "webhooks:manage",
  params: webhookIdParams,
  response: endpointSchema,
  status: 200,
  errors: ["NOT_FOUND"],
});

export const updateWebhookOperation = defineOperation({
  method: "PATCH",
  path: "/webhooks/{id}",
  tag: "Webhooks",
  summary: "Change a webhook endpoint",
  description:
    "Change its URL, events or description, or turn it off (enabled: false) and on again (enabled: true, also after it was " +
    "disabled by a 410 or marked FAILING). Events missed while it was off are not sent by themselves: replay them. " +
    "Like creating one, it needs a key with customers:read as well (events carry personal data).",
  scope: "webhooks:manage",
  params: webhookIdParams,
  body: webhookChangesInput,
  response: endpointSchema,
  status: 200,
  example: { events: ["points.redeemed", "customer.created"], enabled: true },
  errors: ["VALIDATION_ERROR", "FORBIDDEN", "NOT_FOUND"],
});

export const rotateWebhookSecretOperation = defineOperation({
  method: "POST",
  path: "/webhooks/{id}/rotate-secret",
  tag: "Webhooks",
  summary: "Rotate the signing secret",
  description:
    "A new secret, shown once. For 24 hours every delivery is signed with both the new and the old secret (two signatures in " +
    "webhook-signature), so your receiver can switch to the new one without missing a delivery.",
  scope: "webhooks:manage",
  params: webhookIdParams,
  response: z.object({ secret: z.string().meta({ description: "Shown once." }), previousSecretExpiresAt: z.iso.datetime() }),
  status: 200,
  errors: ["NOT_FOUND"],
});

export const testWebhookOperation = defineOperation({
  method: "POST",
  path: "/webhooks/{id}/test",
  tag: "Webhooks",
  summary: "Send a test event",
  description: "Queues a signed webhook.test event to this endpoint only; its outcome shows in the delivery log within seconds.",
  scope: "webhooks:manage",
  params: webhookIdParams,
  response: queuedDelivery,
  status: 201,
  errors: ["NOT_FOUND", "CONFLICT"],
});

export const listWebhookDeliveriesOperation = defineOperation({
  method: "GET",
  path: "/webhooks/{id}/deliveries",
  tag: "Webhooks",
  summary: "List an endpoint's deliveries",
  description:
    "The delivery log, newest first: each event sent to this endpoint, its state, and every attempt (status code, duration, " +
    "error, next attempt). Filter by status or eventType. Kept for WEBHOOK_RETENTION_DAYS (30 by default).",
  scope: "webhooks:manage",
  params: webhookIdParams,
  query: listDeliveriesInput,
  response: z.object({ items: z.array(deliverySchema), pagination: paginationSchema }),
  status: 200,
  errors: ["VALIDATION_ERROR", "NOT_FOUND"],
});

export const resendWebhookDeliveryOperation = defineOperation({
  method: "POST",
  path: "/webhooks/{id}/deliveries/{deliveryId}/resend",
  tag: "Webhooks",
  summary: "Send one delivery again",
  description: "A new delivery of the same event (the same webhook-id, so your receiver can tell it is a repeat). Needs customers:read as well.",
  scope: "webhooks:manage",
  params: webhookIdParams.extend({ deliveryId: z.string().max(100).meta({ description: "The delivery id (a UUID).", format: "uuid" }) }),
  response: queuedDelivery,
  status: 201,
  errors: ["FORBIDDEN", "NOT_FOUND", "CONFLICT"],
});

export const replayWebhookOperation = defineOperation({
  method: "POST",
  path: "/webhooks/{id}/replay",
  tag: "Webhooks",
  summary: "Replay a period",
  description:
    "Sends this endpoint again the events of [from, to) it subscribes to: by default only those it never received (and has " +
    "none on the way), or all of them with onlyFailed: false. At most 30 days and 10,000 events per call; `more: true` " +
    "means call again with the same period and `after` set to the answer's `next` for the rest. Needs customers:read as well.",
  scope: "webhooks:manage",
  params: webhookIdParams,
  body: replayWebhookInput,
  response: z.object({
    queued: z.int(),
    more: z.boolean(),
    next: z.string().nullable().meta({ description: "When more is true: pass it as `after` to continue." }),
  }),
  status: 200,
  example: { from: "2026-11-29T00:00:00Z", onlyFailed: true },
  errors: ["VALIDATION_ERROR", "FORBIDDEN", "NOT_FOUND", "CONFLICT"],
});
