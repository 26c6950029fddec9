// A catalogue reward redeemed at the counter: the rewards core does the work (stock, coupon,
// ledger, redemption); this answers in the till's shape, with the title and code to print.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { toLedgerEntry } from "../ledger/ledger-entry";
import { idempotencyKeyOf } from "../ledger/ledger-schemas";
import { redeemReward } from "../rewards/redeem-reward";
import type { TillRedeemResult } from "./redeem-at-till";
import { rewardProgress } from "./reward-progress";

type TillRewardRequest = { rewardId: string; customerId?: string; phone?: string; points?: number; idempotencyKey?: string; referenceId?: string; storeId?: string };

export async function redeemRewardAtTill(db: DbOrTx, actor: Actor, data: TillRewardRequest, rewardThreshold: number | null): Promise<TillRedeemResult> {
  const key = idempotencyKeyOf(data);
  // A retry replays what was answered, whatever the price is now (checked again inside by key).
  const retry = key ? await db.redemption.findFirst({ where: { businessId: actor.businessId, idempotencyKey: key }, select: { id: true } }) : null;
  if (data.points !== undefined && !retry) {
    // A till that also sends the price it showed must have shown the right one.
    const reward = await db.reward.findFirst({ where: { businessId: actor.businessId, id: data.rewardId }, select: { pointsCost: true } });
    if (reward && reward.pointsCost !== data.points) {
      throw new AppError("VALIDATION_ERROR", `Invalid request: points: this reward costs ${reward.pointsCost} points, not ${data.points}; send the rewardId alone.`);
    }
  }
  const redemption = await redeemReward(db, actor, {
    rewardId: data.rewardId,
    customerId: data.customerId,
    customerPhone: data.phone,
    idempotencyKey: key,
    storeId: data.storeId,
  }, { storeLenient: true });
  const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { businessId_id: { businessId: actor.businessId, id: redemption.entryId } } });
  return {
    customerId: redemption.customerId,
    pointsRedeemed: redemption.points,
    totalPoints: redemption.balanceAfter,
    ...rewardProgress(redemption.balanceAfter, rewardThreshold),
    transaction: toLedgerEntry(entry),
    replay: redemption.replay,
    redemptionId: redemption.id,
    rewardTitle: redemption.rewardTitle,
    couponCode: redemption.couponCode,
  };
}
