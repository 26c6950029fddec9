// An order's campaign bonuses taken back with its refunds and cancellation, in the same
// proportion as the order's own points (the eligible amount refunded so far; all of it on a
// full refund or a cancel), and the same way (takeBack in orders/order-ledger.ts): a pending
// bonus is reversed and, for a partial take, reissued for what is left; a released one is taken
// by a negative adjustment as far as the balance allows, the rest recorded as unrecovered. Like
// the order's own award, a bonus can't be reversed alone (the ledger refuses, ORDER_ENTRY).
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { takeBack } from "../orders/order-ledger";
import { pointsToTakeBack } from "../orders/order-points";
import { awardCampaign, campaignDescription, linkEntry } from "./award-campaign";

export type TakeBackOrder = { id: string; externalId: string; customerId: string; storeId: string | null; eligibleAmount: number };
export type Share = { full: boolean; eligibleRefunded?: number };

export async function takeBackOrderBonuses(tx: DbOrTx, actor: Actor, order: TakeBackOrder, share: Share, reason: string): Promise<void> {
  const { businessId } = actor;
  const bonuses = await tx.orderCampaignBonus.findMany({
    where: { businessId, orderId: order.id, entryId: { not: null } },
    include: { campaign: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  for (const bonus of bonuses) {
    const target = pointsToTakeBack({ points: bonus.pointsAwarded, eligibleAmount: order.eligibleAmount }, share.eligibleRefunded ?? 0, share.full);
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
