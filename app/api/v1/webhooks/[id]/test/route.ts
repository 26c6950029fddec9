import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { testWebhookOperation } from "@/server/rest/operations/webhooks-operations";
import { sendTestEvent } from "@/server/webhooks/redeliver-webhooks";

// POST /api/v1/webhooks/{id}/test: queue a signed webhook.test event to this endpoint.
export const POST = apiRoute(testWebhookOperation, async ({ actor, params }) => sendTestEvent(db, actor, params));
