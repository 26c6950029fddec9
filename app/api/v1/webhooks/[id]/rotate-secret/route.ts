import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { rotateWebhookSecretOperation } from "@/server/rest/operations/webhooks-operations";
import { rotateWebhookSecret } from "@/server/webhooks/rotate-webhook-secret";

// POST /api/v1/webhooks/{id}/rotate-secret: a new secret, shown once; the old one signs too for 24 h.
export const POST = apiRoute(rotateWebhookSecretOperation, async ({ actor, params }) => rotateWebhookSecret(db, actor, params));
