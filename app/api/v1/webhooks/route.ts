import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { createWebhookOperation, listWebhooksOperation } from "@/server/rest/operations/webhooks-operations";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/server/webhooks/manage-webhook-endpoints";
import { requireWebhookDataScope } from "@/server/webhooks/require-webhook-data-scope";

// GET /api/v1/webhooks: endpoints without their secrets.
export const GET = apiRoute(listWebhooksOperation, async ({ actor }) => listWebhookEndpoints(db, actor));

// POST /api/v1/webhooks: 201 with the endpoint and its signing secret, shown this once. Events
// carry the customer's name, email and phone, so subscribing needs a key that may see them.
export const POST = apiRoute(createWebhookOperation, async ({ actor, body, key }) => {
  requireWebhookDataScope(key);
  return createWebhookEndpoint(db, actor, body);
});
