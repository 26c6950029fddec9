import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { listWebhookDeliveriesOperation } from "@/server/rest/operations/webhooks-operations";
import { listWebhookDeliveries } from "@/server/webhooks/list-webhook-deliveries";

// GET /api/v1/webhooks/{id}/deliveries: the endpoint's delivery log, newest first.
export const GET = apiRoute(listWebhookDeliveriesOperation, async ({ actor, params, query }) => listWebhookDeliveries(db, actor, { ...query, id: params.id }));
