import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { resendWebhookDeliveryOperation } from "@/server/rest/operations/webhooks-operations";
import { resendDelivery } from "@/server/webhooks/redeliver-webhooks";
import { requireWebhookDataScope } from "@/server/webhooks/require-webhook-data-scope";

// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend: the same event to this endpoint again.
export const POST = apiRoute(resendWebhookDeliveryOperation, async ({ actor, params, key }) => {
  requireWebhookDataScope(key);
  return resendDelivery(db, actor, params);
});
