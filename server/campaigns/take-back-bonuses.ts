// An order's campaign bonuses taken back with its refunds and cancellation. How much, so far in
// all: the share of its lines' base points returned by item refunds, plus the share of the
// order's eligible amount refunded by amount (which names no lines), of the bonus; all of it on
// a full refund or a cancel. (Returning the mug takes nothing from the coffee's bonus; returning
// every coffee line takes all of it.) Taken back the same way as the order's own points
// (takeBack in orders/order-ledger.ts): a pending bonus is reversed and, for a partial take, reissued for what is left; a released one is taken
// by a negative adjustment as far as the balance allows, the rest recorded as unrecovered. Like
// the order's own award, a bonus can't be reversed alone (the ledger refuses, ORDER_ENTRY).
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { takeBack } from "../orders/order-ledger";
import { awardCampaign, campaignDescription, linkEntry } from "./award-campaign";

export type TakeBackOrder = { id: string; externalId: string; customerId: string; storeId: string | null; eligibleAmount: number; items: Line[] };
// After this refund: each line's quantity refunded (by position), and the eligible amount
// refunded by amount refunds (not by items).
export type Share = { full: true } | { full: false; quantitiesRefunded: Map<number, number>; amountEligibleRefunded: number };
type Line = { position: number; quantity: number; points: number };

function targetOf(bonus: { pointsAwarded: number; positions: number[]; basePoints: number }, order: { eligibleAmount: number; items: Line[] }, share: Share): number {
  if (share.full) return bonus.pointsAwarded;
  let returned = 0n;
  for (const line of order.items) {
    if (!bonus.positions.includes(line.position)) continue;
    returned += (BigInt(line.points) * BigInt(share.quantitiesRefunded.get(line.position) ?? 0)) / BigInt(line.quantity);
  }
  const base = BigInt(Math.max(1, bonus.basePoints));
  const eligible = BigInt(order.eligibleAmount);
  // awarded × (returned / base + amount-refunded eligible / eligible), rounded down, at most awarded.
  const [numerator, denominator] = eligible === 0n ? [returned, base] : [returned * eligible + BigInt(share.amountEligibleRefunded) * base, base * eligible];
  return Math.min(bonus.pointsAwarded, Number((BigInt(bonus.pointsAwarded) * numerator) / denominator));
}

export async function takeBackOrderBonuses(tx: DbOrTx, actor: Actor, order: TakeBackOrder, share: Share, reason: string): Promise<void> {
  const { businessId } = actor;
  const bonuses = await tx.orderCampaignBonus.findMany({
    where: { businessId, orderId: order.id, entryId: { not: null } },
    include: { campaign: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  for (const bonus of bonuses) {
    const target = targetOf(bonus, order, share);
    const held = { customerId: order.customerId, entryId: bonus.entryId, awarded: bonus.pointsAwarded, taken: bonus.pointsTaken, unrecovered: bonus.pointsUnrecovered };
    const back = await takeBack(tx, actor, held, target, {
      reason, reference: order.externalId.slice(0, 128), metadata: { campaignId: bonus.campaignId, orderId: order.id },
      reissue: async (left, availableAt) =>
        (await awardCampaign(tx, actor, {
          campaign: bonus.campaign, customerId: order.customerId, points: left, key: null, orderId: order.id, storeId: order.storeId,
          availableAt, byOwner: true, description: `${campaignDescription(bonus.campaign)} (order ${order.externalId} after refund)`.slice(0, 500),
        })).entryId,
    });
    if (back.taken + back.unrecovered === 0) continue;
    if (back.entry) {
      await linkEntry(tx, businessId, { campaignId: bonus.campaignId, customerId: order.customerId, orderId: order.id, key: null, entryId: back.entry.id, points: back.entry.points });
    }
    const change = { pointsTaken: bonus.pointsTaken + back.taken, pointsUnrecovered: bonus.pointsUnrecovered + back.unrecovered, entryId: back.awardEntryId };
    await tx.orderCampaignBonus.update({ where: { businessId_id: { businessId, id: bonus.id } }, data: change });
  }
}
