// The endpoint's signing secret: revealed to an owner on request, and rotated. After a
// rotation the old secret keeps signing next to the new one for 24 hours (every request then
// carries both signatures), so a receiver can switch at its own pace without losing a
// delivery. A second rotation within that day retires the oldest at once: two at most.
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { findWebhookEndpoint } from "./manage-webhook-endpoints";
import { generateWebhookSecret } from "./webhook-secret";

export const PREVIOUS_SECRET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export async function rotateWebhookSecret(db: DbOrTx, actor: Actor, input: { id: string }): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
  const endpoint = await findWebhookEndpoint(db, actor, input.id);
  const secret = generateWebhookSecret();
  const previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_LIFETIME_MS);
  await db.webhookEndpoint.update({
    where: { businessId_id: { businessId: actor.businessId, id: endpoint.id } },
    data: { secret, previousSecret: endpoint.secret, previousSecretExpiresAt },
  });
  await recordAudit(db, actor, { action: "webhook.secret_rotated", targetType: "webhook_endpoint", targetId: endpoint.id, details: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() } });
  return { secret, previousSecretExpiresAt };
}

// Reading a secret is recorded like changing one: whoever saw it could sign as us.
export async function revealWebhookSecret(db: DbOrTx, actor: Actor, input: { id: string }): Promise<{ secret: string }> {
  const endpoint = await findWebhookEndpoint(db, actor, input.id);
  await recordAudit(db, actor, { action: "webhook.secret_revealed", targetType: "webhook_endpoint", targetId: endpoint.id });
  return { secret: endpoint.secret };
}
