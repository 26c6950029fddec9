// A redemption at the counter: the ledger's redeem, answered with what the till shows next.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { idempotencyKeyOf } from "../ledger/ledger-schemas";
import { redeemPoints, type LedgerEntry } from "../ledger";
import { tillRedeemInput, type TillRedeemInput } from "./pos-schemas";
import { redeemRewardAtTill } from "./redeem-reward-at-till";
import { loadProgram, rewardProgress, shownThreshold, type RewardProgress } from "./reward-progress";

export type TillRedeemResult = RewardProgress & {
  customerId: string;
  pointsRedeemed: number;
  totalPoints: number;
  transaction: LedgerEntry;
  replay: boolean;
  // With a rewardId only: what the till prints.
  redemptionId?: string;
  rewardTitle?: string;
  couponCode?: string | null;
};

// Short of points: 422 INSUFFICIENT_POINTS; blocked: 403 CUSTOMER_BLOCKED (both from the ledger).
export async function redeemAtTill(db: DbOrTx, actor: Actor, input: TillRedeemInput): Promise<TillRedeemResult> {
  const data = tillRedeemInput.parse(input);
  const program = await loadProgram(db, actor.businessId);
  if (data.rewardId) return redeemRewardAtTill(db, actor, { ...data, rewardId: data.rewardId }, program.rewardThreshold);
  const result = await redeemPoints(
    db,
    actor,
    {
      customerId: data.customerId, customerPhone: data.phone, amount: data.points!, description: "Redeemed at the till", idempotencyKey: idempotencyKeyOf(data),
      storeId: data.storeId, ...(data.storeId !== undefined && { metadata: { storeId: data.storeId } }),
    },
    { context: { rewardThreshold: program.rewardThreshold }, storeLenient: true },
  );
  return {
    customerId: result.transaction.customerId,
    pointsRedeemed: -result.transaction.points,
    totalPoints: result.balance,
    ...rewardProgress(result.balance, shownThreshold(result.context, program.rewardThreshold)),
    transaction: result.transaction,
    replay: result.replay,
  };
}
