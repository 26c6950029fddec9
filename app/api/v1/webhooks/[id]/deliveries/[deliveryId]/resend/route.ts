import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { resendWebhookDeliveryOperation } from "@/server/rest/operations/webhooks-operations";
import { resendDelivery } from "@/server/webhooks/redeliver-webhooks";

// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend: the same event to this endpoint again.
export const POST = apiRoute(resendWebhookDeliveryOperation, async ({ actor, params }) => resendDelivery(db, actor, params));
