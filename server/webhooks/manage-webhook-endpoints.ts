// Webhook endpoints of a business: created with a signing secret shown once, listed without
// it, deleted outright. Delivery (reading the outbox and signing requests) is separate.
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";
import { createWebhookInput, deleteWebhookInput, type CreateWebhookInput, type DeleteWebhookInput } from "./webhook-schemas";
import { generateWebhookSecret } from "./webhook-secret";

export type PublicWebhookEndpoint = {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  createdAt: Date;
  disabledAt: Date | null;
};

export function toPublicWebhookEndpoint(row: PublicWebhookEndpoint & { secret?: string }): PublicWebhookEndpoint {
  const { id, url, events, description, createdAt, disabledAt } = row;
  return { id, url, events, description, createdAt, disabledAt };
}

export async function createWebhookEndpoint(db: DbOrTx, actor: Actor, input: CreateWebhookInput) {
  const data = createWebhookInput.parse(input);
  const secret = generateWebhookSecret();
  const row = await db.webhookEndpoint.create({
    data: { businessId: actor.businessId, url: data.url, events: data.events, description: data.description, secret },
  });
  await recordAudit(db, actor, { action: "webhook.created", targetType: "webhook_endpoint", targetId: row.id, details: { url: data.url, events: data.events } });
  return { endpoint: toPublicWebhookEndpoint(row), secret };
}

export async function listWebhookEndpoints(db: DbOrTx, actor: Actor): Promise<PublicWebhookEndpoint[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { businessId: actor.businessId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toPublicWebhookEndpoint);
}

// Deleted, not disabled: an integrator removing an endpoint wants no more deliveries and no
// secret left behind; the audit trail keeps what it was. Any non-UUID id is simply not found.
export async function deleteWebhookEndpoint(db: DbOrTx, actor: Actor, input: DeleteWebhookInput): Promise<{ deleted: true; id: string }> {
  const { id } = deleteWebhookInput.parse(input);
  const where = { id, businessId: actor.businessId };
  const existing = z.guid().safeParse(id).success ? await db.webhookEndpoint.findFirst({ where }) : null;
  if (!existing) throw new AppError("NOT_FOUND", "No such webhook endpoint in this business.");
  // deleteMany: a concurrent delete of the same endpoint is not an error.
  await db.webhookEndpoint.deleteMany({ where });
  await recordAudit(db, actor, { action: "webhook.deleted", targetType: "webhook_endpoint", targetId: id, details: { url: existing.url, events: existing.events } });
  return { deleted: true, id };
}
