// Operations of the webhooks endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { createWebhookInput, WEBHOOK_EVENTS } from "../../webhooks/webhook-schemas";
import { defineOperation } from "../operation";

const endpointSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    createdAt: z.iso.datetime(),
    disabledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "WebhookEndpoint" });

export const createWebhookOperation = defineOperation({
  method: "POST",
  path: "/webhooks",
  tag: "Webhooks",
  summary: "Create a webhook endpoint",
  description:
    `Subscribes an https URL (http only for localhost) to events: ${WEBHOOK_EVENTS.join(", ")}, or "*" for all. ` +
    "The answer holds the signing secret (Standard Webhooks, whsec_...) exactly once: store it now, it is never shown again. " +
    "Events carry customers' personal data, so the key also needs customers:read (or customers:write).",
  scope: "webhooks:manage",
  body: createWebhookInput,
  response: z.object({ endpoint: endpointSchema, secret: z.string().meta({ description: "Shown once." }) }),
  status: 201,
  example: { url: "https://example.com/hooks/loyalty", events: ["points.earned", "points.redeemed"], description: "Shop backend" },
  errors: ["VALIDATION_ERROR"],
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
  params: z.object({ id: z.string().max(100).meta({ description: "The endpoint id (a UUID).", format: "uuid" }) }),
  response: z.object({ deleted: z.literal(true), id: z.uuid() }),
  status: 200,
  errors: ["NOT_FOUND"],
});
