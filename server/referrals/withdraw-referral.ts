// DELETE /referrals/{id}: a pending referral withdrawn, its row and so the email or phone it was
// made to deleted. The way to forget someone who was referred but never became a customer
// (erasure reaches only customers), or to undo a referral made by mistake. A completed or
// voided referral is history that ledger entries point at: it stays (cancelling its order
// voids a completed one).
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { findReferral } from "./referral-record";

export async function withdrawReferral(db: DbOrTx, actor: Actor, input: { id: string }): Promise<{ withdrawn: true }> {
  const referral = await findReferral(db, actor.businessId, input.id);
  // Conditional on PENDING: a referral its referee's order completes meanwhile stays. The
  // referral.withdrawn event (ids only) goes with the delete.
  const [deleted] = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH r AS (
      DELETE FROM "referrals" WHERE "business_id" = ${actor.businessId}::uuid AND "id" = ${referral.id}::uuid AND "status" = 'PENDING'
      RETURNING *
    )
    SELECT r."id", ll_emit_referral_withdrawn(r)::text FROM r`);
  if (!deleted) {
    // Withdrawn at the same moment by another request: gone, as for anyone after it.
    const now = await findReferral(db, actor.businessId, input.id);
    throw new AppError("CONFLICT", `This referral is ${now.status.toLowerCase()}: only a pending referral can be withdrawn (cancel the order that completed one to void it).`);
  }
  // Ids only: the withdrawn contact details must not survive in the audit trail either.
  await recordAudit(db, actor, { action: "referral.withdrawn", targetType: "referral", targetId: referral.id, details: { referrerId: referral.referrerId } });
  return { withdrawn: true };
}
