// Undoes a redemption, once: the points come back (a REVERSAL of its REDEEM entry, giving back
// exactly the lots it spent), the stock goes up by one, and its coupon is returned to the pool
// or voided, unless the store already used it (then it stays USED; the points still come back).
// Cancelling a cancelled redemption answers it as it is and refunds nothing.
import { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { writeLedger } from "../ledger/write-ledger";
import { entryBalanceAfter, inRewardTransaction, toPublicRedemption, type RedemptionOutcome } from "./redemption-record";

export type CancelRedemptionInput = { id: string; reason?: string };

export async function cancelRedemption(db: DbOrTx, actor: Actor, input: CancelRedemptionInput): Promise<RedemptionOutcome> {
  const { businessId } = actor;
  if (!z.guid().safeParse(input.id).success) throw new AppError("NOT_FOUND", "No such redemption in this business.");
  return inRewardTransaction(db, async (tx) => {
    // The redemption's row lock serialises cancels of it: the second finds it CANCELLED.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "redemptions" WHERE "business_id" = ${businessId}::uuid AND "id" = ${input.id}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "No such redemption in this business.");
    const redemption = await tx.redemption.findUniqueOrThrow({ where: { businessId_id: { businessId, id: input.id } } });
    if (redemption.status === "CANCELLED") {
      return { ...toPublicRedemption(redemption), balanceAfter: await entryBalanceAfter(tx, businessId, redemption.cancelEntryId!), replay: true };
    }
    // Reward row before the customer row (the reversal's), as a redemption takes them.
    await tx.$executeRaw`UPDATE "rewards" SET "stock" = "stock" + 1, "updated_at" = now()
      WHERE "business_id" = ${businessId}::uuid AND "id" = ${redemption.rewardId}::uuid AND "stock" IS NOT NULL`;
    const reversal = await writeLedger(tx, actor, {
      op: "reverse",
      entryId: redemption.entryId,
      description: input.reason ?? `Cancelled: ${redemption.rewardTitle}`,
      byOwner: true,
    });
    // Only an unused code comes back: a pool code to be issued again, a generated one voided.
    await tx.$executeRaw`
      UPDATE "reward_coupons"
         SET "status" = CASE WHEN "generated" THEN 'VOID'::"CouponStatus" ELSE 'AVAILABLE'::"CouponStatus" END,
             "redemption_id" = CASE WHEN "generated" THEN "redemption_id" END,
             "issued_at" = CASE WHEN "generated" THEN "issued_at" END
       WHERE "business_id" = ${businessId}::uuid AND "redemption_id" = ${redemption.id}::uuid AND "status" = 'ISSUED'`;
    const row = await tx.redemption.update({
      where: { businessId_id: { businessId, id: redemption.id } },
      data: { status: "CANCELLED", cancelEntryId: reversal.entry!.id, cancelReason: input.reason ?? null, cancelledAt: new Date() },
    });
    await tx.$executeRaw`SELECT ll_emit_redemption(${businessId}::uuid, ${redemption.id}::uuid)`;
    return { ...toPublicRedemption(row), balanceAfter: reversal.entry!.balanceAfter, replay: false };
  });
}
