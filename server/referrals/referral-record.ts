// A referral as the API shows it, and the lookups the referral functions share.
import type { DbOrTx } from "../db/client";
import type { Referral } from "../db/generated/client";
import { AppError } from "../errors";
import { z } from "zod";

export type PublicReferral = Pick<
  Referral,
  "id" | "status" | "source" | "code" | "referrerId" | "orderId" | "referrerPoints" | "refereePoints" | "referrerEntryId" | "refereeEntryId" | "createdAt" | "completedAt" | "voidedAt" | "pointsUnrecovered"
> & { referee: { customerId: string | null; email: string | null; phone: string | null } };

export function toPublicReferral(r: Referral): PublicReferral {
  const { id, status, source, code, referrerId, orderId, referrerPoints, refereePoints, referrerEntryId, refereeEntryId, createdAt, completedAt, voidedAt, pointsUnrecovered } = r;
  return {
    id, status, source, code, referrerId, referee: { customerId: r.refereeId, email: r.refereeEmail, phone: r.refereePhone },
    orderId, referrerPoints, refereePoints, referrerEntryId, refereeEntryId, createdAt, completedAt, voidedAt, pointsUnrecovered,
  };
}

// Anything that isn't a UUID names no referral: a 404 like another business's id.
export async function findReferral(db: DbOrTx, businessId: string, id: string): Promise<Referral> {
  const row = z.guid().safeParse(id).success ? await db.referral.findUnique({ where: { businessId_id: { businessId, id } } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such referral in this business.");
  return row;
}

// A live customer of the business by our id or their referral code (any case).
export async function findReferrer(db: DbOrTx, businessId: string, ref: string, code: string) {
  const select = { id: true, email: true, phone: true, referralCode: true } as const;
  const byId = z.guid().safeParse(ref).success ? await db.customer.findFirst({ where: { businessId, id: ref, erasedAt: null }, select }) : null;
  return byId ?? (code ? db.customer.findFirst({ where: { businessId, referralCode: code, erasedAt: null }, select }) : null);
}
