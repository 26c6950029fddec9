import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";
import { forgetApiKey } from "./authenticate-api-key";
import { toPublicApiKey, type PublicApiKey } from "./create-api-key";

export async function listApiKeys(db: DbOrTx, actor: Actor): Promise<PublicApiKey[]> {
  const rows = await db.apiKey.findMany({ where: { businessId: actor.businessId }, orderBy: { createdAt: "desc" } });
  return rows.map(toPublicApiKey);
}

export const revokeApiKeyInput = z.object({ id: z.uuid("must be an API key id") });

// Revoked keys stay listed (with revokedAt) so the audit trail keeps its names.
export async function revokeApiKey(db: DbOrTx, actor: Actor, input: z.input<typeof revokeApiKeyInput>): Promise<PublicApiKey> {
  const { id } = revokeApiKeyInput.parse(input);
  const existing = await db.apiKey.findFirst({ where: { id, businessId: actor.businessId } });
  if (!existing) throw new AppError("NOT_FOUND", "No such API key in this business.");
  if (existing.revokedAt) return toPublicApiKey(existing);
  const row = await db.apiKey.update({ where: { businessId_id: { businessId: actor.businessId, id } }, data: { revokedAt: new Date() } });
  forgetApiKey(row.hash);
  await recordAudit(db, actor, { action: "api_key.revoked", targetType: "api_key", targetId: id, details: { name: row.name } });
  return toPublicApiKey(row);
}
