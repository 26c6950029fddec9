// The audit trail: one row per thing a person or key did that an owner may need to explain
// later. Called inside the same transaction as the change where there is one.
// Details may carry URLs and anything a caller passes: the database redacts secrets from them
// on the way in (sql/redact-audit-secrets.sql, a trigger), for this writer and the ledger's alike.
import { isDeepStrictEqual } from "node:util";
import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Actor } from "../actors/actor";

export type AuditEntry = {
  action: string; // "points.adjusted", "customer.blocked", "api_key.created", ...
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
};

export async function recordAudit(db: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      businessId: actor.businessId,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.staffName ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
      requestId: actor.requestId ?? null,
    },
  });
}

// The fields of `keys` whose value moved, as audit details ({field: {from, to}}); null when
// none did, so a save that changed nothing is not recorded.
export function fieldChanges<T extends Record<string, unknown>>(before: T, after: T, keys: readonly (keyof T & string)[]): Prisma.InputJsonObject | null {
  // Deep: a list (the tiers) read back from the database is a new array with the same values.
  const moved = keys.filter((k) => !isDeepStrictEqual(before[k], after[k]));
  if (moved.length === 0) return null;
  return Object.fromEntries(moved.map((k) => [k, { from: before[k], to: after[k] }])) as Prisma.InputJsonObject;
}
