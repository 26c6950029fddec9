// Webhook endpoints of a business: created with a signing secret shown once, listed and read
// without it, edited (URL, events, description, on/off), deleted outright. Every URL passes the
// SSRF guard when saved (and again at every send); audit records keep it without its query.
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { allowPrivateWebhookUrls } from "../env";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";
import type { Prisma, WebhookEndpoint } from "../db/generated/client";
import { createWebhookInput, deleteWebhookInput, updateWebhookInput, type CreateWebhookInput, type DeleteWebhookInput, type UpdateWebhookInput } from "./webhook-schemas";
import { generateWebhookSecret } from "./webhook-secret";
import { checkWebhookUrl, webhookUrlWithoutQuery } from "./webhook-url";

export type PublicWebhookEndpoint = Pick<
  WebhookEndpoint,
  "id" | "url" | "events" | "description" | "status" | "statusReason" | "failingSince" | "createdAt" | "updatedAt" | "disabledAt"
> & { previousSecretExpiresAt: Date | null };

export function toPublicWebhookEndpoint(row: WebhookEndpoint): PublicWebhookEndpoint {
  const { id, url, events, description, status, statusReason, failingSince, createdAt, updatedAt, disabledAt } = row;
  // When the old secret stops signing, while a rotation is under way.
  const previousSecretExpiresAt = row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date() ? row.previousSecretExpiresAt : null;
  return { id, url, events, description, status, statusReason, failingSince, createdAt, updatedAt, disabledAt, previousSecretExpiresAt };
}

const checkedUrl = (url: string) => checkWebhookUrl(url, { allowPrivate: allowPrivateWebhookUrls() });

// This business's endpoint, or 404 (also for any id that isn't a UUID).
export async function findWebhookEndpoint(db: DbOrTx, actor: Actor, id: string): Promise<WebhookEndpoint> {
  const row = z.guid().safeParse(id).success ? await db.webhookEndpoint.findFirst({ where: { id, businessId: actor.businessId } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such webhook endpoint in this business.");
  return row;
}

export async function createWebhookEndpoint(db: DbOrTx, actor: Actor, input: CreateWebhookInput) {
  const data = createWebhookInput.parse(input);
  const url = await checkedUrl(data.url);
  const secret = generateWebhookSecret();
  const row = await db.webhookEndpoint.create({
    data: { businessId: actor.businessId, url, events: data.events, description: data.description, secret },
  });
  await recordAudit(db, actor, { action: "webhook.created", targetType: "webhook_endpoint", targetId: row.id, details: { url: webhookUrlWithoutQuery(url), events: data.events } });
  return { endpoint: toPublicWebhookEndpoint(row), secret };
}

export async function listWebhookEndpoints(db: DbOrTx, actor: Actor): Promise<PublicWebhookEndpoint[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { businessId: actor.businessId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toPublicWebhookEndpoint);
}

export async function getWebhookEndpoint(db: DbOrTx, actor: Actor, input: { id: string }): Promise<PublicWebhookEndpoint> {
  return toPublicWebhookEndpoint(await findWebhookEndpoint(db, actor, input.id));
}

// enabled: false turns deliveries off (DISABLED); true turns an endpoint back on whatever
// stopped it (its owner, a 410, three days of failures) and starts a fresh failure streak.
// What it missed meanwhile is sent again only on request (replay), never by surprise.
export async function updateWebhookEndpoint(db: DbOrTx, actor: Actor, input: UpdateWebhookInput): Promise<PublicWebhookEndpoint> {
  const { id, enabled, ...changes } = updateWebhookInput.parse(input);
  const before = await findWebhookEndpoint(db, actor, id);
  const url = changes.url === undefined ? undefined : await checkedUrl(changes.url);
  const status = enabled === undefined ? undefined : enabled ? ("ACTIVE" as const) : ("DISABLED" as const);
  const statusChanged = status !== undefined && status !== before.status;
  const row = await db.webhookEndpoint.update({
    where: { businessId_id: { businessId: actor.businessId, id } },
    data: {
      url,
      events: changes.events,
      description: changes.description,
      ...(statusChanged && {
        status,
        statusReason: status === "DISABLED" ? "Turned off by its owner." : null,
        disabledAt: status === "DISABLED" ? new Date() : null,
        failingSince: null,
        lastFailureAt: null,
      }),
    },
  });
  const details: Record<string, { from: Prisma.InputJsonValue | null; to: Prisma.InputJsonValue | null }> = {};
  if (url !== undefined && url !== before.url) details.url = { from: webhookUrlWithoutQuery(before.url), to: webhookUrlWithoutQuery(url) };
  if (changes.events !== undefined) details.events = { from: before.events, to: row.events };
  if (changes.description !== undefined && changes.description !== before.description) details.description = { from: before.description, to: row.description };
  if (statusChanged) details.status = { from: before.status, to: row.status };
  if (Object.keys(details).length > 0) await recordAudit(db, actor, { action: "webhook.updated", targetType: "webhook_endpoint", targetId: id, details });
  return toPublicWebhookEndpoint(row);
}

// Deleted, not disabled: an integrator removing an endpoint wants no more deliveries and no
// secret left behind; its deliveries and their log go with it. The audit trail keeps what it was.
export async function deleteWebhookEndpoint(db: DbOrTx, actor: Actor, input: DeleteWebhookInput): Promise<{ deleted: true; id: string }> {
  const { id } = deleteWebhookInput.parse(input);
  const existing = await findWebhookEndpoint(db, actor, id);
  // deleteMany: a concurrent delete of the same endpoint is not an error.
  await db.webhookEndpoint.deleteMany({ where: { id, businessId: actor.businessId } });
  await recordAudit(db, actor, { action: "webhook.deleted", targetType: "webhook_endpoint", targetId: id, details: { url: webhookUrlWithoutQuery(existing.url), events: existing.events } });
  return { deleted: true, id };
}
