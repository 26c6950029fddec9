// Makes the widget's first secret, or replaces it. Shown this once: the store's backend keeps
// it to sign customer tokens, and we never show it again (a lost secret is rotated, not
// revealed). After a rotation the previous secret keeps verifying for 24 hours, the longest a
// token may live, so a store can deploy the new one without signing anyone out; a second
// rotation within that day retires the oldest at once.
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { generateWidgetSecret, PREVIOUS_WIDGET_SECRET_LIFETIME_MS } from "./widget-secret";

export type RotatedWidgetSecret = { secret: string; previousSecretExpiresAt: Date | null };

export async function rotateWidgetSecret(db: DbOrTx, actor: Actor, now: Date = new Date()): Promise<RotatedWidgetSecret> {
  const businessId = actor.businessId;
  // Locked, so two rotations at once can't both keep the same "previous" secret.
  await db.$queryRaw`SELECT 1 FROM "widget_settings" WHERE "business_id" = ${businessId}::uuid FOR UPDATE`;
  const current = await db.widgetSettings.findUnique({ where: { businessId }, select: { secret: true } });
  const secret = generateWidgetSecret();
  const previous = current?.secret ?? null;
  const previousSecretExpiresAt = previous ? new Date(now.getTime() + PREVIOUS_WIDGET_SECRET_LIFETIME_MS) : null;
  const data = { secret, previousSecret: previous, previousSecretExpiresAt, secretRotatedAt: now };
  await db.widgetSettings.upsert({ where: { businessId }, create: { businessId, ...data }, update: data });
  await recordAudit(db, actor, {
    action: previous ? "widget.secret_rotated" : "widget.secret_created",
    targetType: "widget",
    details: previousSecretExpiresAt ? { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() } : {},
  });
  return { secret, previousSecretExpiresAt };
}
