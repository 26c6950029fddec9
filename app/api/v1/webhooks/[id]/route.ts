import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { deleteWebhookOperation } from "@/server/rest/operations/webhooks-operations";
import { deleteWebhookEndpoint } from "@/server/webhooks/manage-webhook-endpoints";

// DELETE /api/v1/webhooks/{id}: delete an endpoint of this business (404 for anyone else's).
export const DELETE = apiRoute(deleteWebhookOperation, async ({ actor, params }) => deleteWebhookEndpoint(db, actor, params));
