import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { deleteWebhookOperation, getWebhookOperation, updateWebhookOperation } from "@/server/rest/operations/webhooks-operations";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/server/webhooks/manage-webhook-endpoints";
import { requireWebhookDataScope } from "@/server/webhooks/require-webhook-data-scope";

// GET /api/v1/webhooks/{id}: one endpoint of this business, with its health (404 for anyone else's).
export const GET = apiRoute(getWebhookOperation, async ({ actor, params }) => getWebhookEndpoint(db, actor, params));

// PATCH /api/v1/webhooks/{id}: URL, events, description, on/off.
// Like creating one, changing where events go needs a key that may see what they carry.
export const PATCH = apiRoute(updateWebhookOperation, async ({ actor, params, body, key }) => {
  requireWebhookDataScope(key);
  return updateWebhookEndpoint(db, actor, { ...body, id: params.id });
});

// DELETE /api/v1/webhooks/{id}: delete an endpoint of this business.
export const DELETE = apiRoute(deleteWebhookOperation, async ({ actor, params }) => deleteWebhookEndpoint(db, actor, params));
