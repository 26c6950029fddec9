import { db } from "@/server/db/client";
import { keySeesPersonalData } from "@/server/api-keys/api-key-scopes";
import { AppError } from "@/server/errors";
import { apiRoute } from "@/server/rest/api-route";
import { createWebhookOperation, listWebhooksOperation } from "@/server/rest/operations/webhooks-operations";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/server/webhooks/manage-webhook-endpoints";

// GET /api/v1/webhooks: endpoints without their secrets.
export const GET = apiRoute(listWebhooksOperation, async ({ actor }) => listWebhookEndpoints(db, actor));

// POST /api/v1/webhooks: 201 with the endpoint and its signing secret, shown this once. Events
// carry the customer's name, email and phone, so subscribing needs a key that may see them.
export const POST = apiRoute(createWebhookOperation, async ({ actor, body, key }) => {
  if (!keySeesPersonalData(key.scopes)) {
    throw new AppError("FORBIDDEN", "Webhook events carry customers' names, emails and phones: creating an endpoint needs the customers:read scope too; this API key lacks it.");
  }
  return createWebhookEndpoint(db, actor, body);
});
