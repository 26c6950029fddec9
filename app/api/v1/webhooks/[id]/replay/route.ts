import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { replayWebhookOperation } from "@/server/rest/operations/webhooks-operations";
import { replayWebhookEvents } from "@/server/webhooks/redeliver-webhooks";
import { requireWebhookDataScope } from "@/server/webhooks/require-webhook-data-scope";

// POST /api/v1/webhooks/{id}/replay: send a period's events to this endpoint again.
export const POST = apiRoute(replayWebhookOperation, async ({ actor, params, body, key }) => {
  requireWebhookDataScope(key);
  return replayWebhookEvents(db, actor, { ...body, id: params.id });
});
