// An order's campaign bonuses taken back with its refunds and cancellation, in the same
// proportion as the order's own points (the eligible amount refunded so far; all of it on a
// full refund or a cancel), and the same way (see orders/order-ledger.ts): a pending bonus is
// reversed and, for a partial take, reissued for what is left; a released one is taken by a
// negative adjustment as far as the balance allows, the rest recorded as unrecovered.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { liveBalances } from "../ledger/live-balance";
import { writeLedger } from "../ledger/write-ledger";
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
    const take = target - bonus.pointsTaken - bonus.pointsUnrecovered;
    if (take <= 0) continue;
    const link = { campaignId: bonus.campaignId, customerId: order.customerId, orderId: order.id, key: null };
    const reference = order.externalId.slice(0, 128);
    const metadata = { campaignId: bonus.campaignId, orderId: order.id };
    const [lot] = await tx.$queryRaw<{ pending: boolean; availableAt: Date | null; reversed: boolean }[]>(Prisma.sql`
      SELECT (l."pending" AND l."available_at" > now()) AS "pending", l."available_at" AS "availableAt",
             EXISTS (SELECT 1 FROM "ledger_entries" r WHERE r."business_id" = l."business_id" AND r."reverses_entry_id" = l."entry_id") AS "reversed"
        FROM "point_lots" l WHERE l."business_id" = ${businessId}::uuid AND l."entry_id" = ${bonus.entryId}::uuid`);
    let change: { pointsTaken: number; pointsUnrecovered?: number; entryId?: string | null };
    if (lot?.reversed) {
      // Someone reversed the bonus by hand already: nothing is left to take.
      change = { pointsTaken: bonus.pointsAwarded - bonus.pointsUnrecovered };
    } else if (lot?.pending) {
      const reversal = await writeLedger(tx, actor, { op: "reverse", entryId: bonus.entryId!, description: reason, reference, metadata, byOwner: true });
      await linkEntry(tx, businessId, { ...link, entryId: reversal.entry!.id, points: reversal.entry!.points });
      const left = bonus.pointsAwarded - target;
      let entryId: string | null = null;
      if (left > 0) {
        const reissued = await awardCampaign(tx, actor, {
          campaign: bonus.campaign, customerId: order.customerId, points: left, key: null, orderId: order.id, storeId: order.storeId,
          availableAt: lot.availableAt, byOwner: true, description: `${campaignDescription(bonus.campaign)} (order ${order.externalId} after refund)`.slice(0, 500),
        });
        entryId = reissued.entryId;
      }
      change = { pointsTaken: bonus.pointsTaken + take, entryId };
    } else {
      await tx.$executeRaw(Prisma.sql`SELECT 1 FROM "customers" WHERE "business_id" = ${businessId}::uuid AND "id" = ${order.customerId}::uuid FOR UPDATE`);
      const balance = (await liveBalances(tx, businessId, [order.customerId])).get(order.customerId) ?? 0;
      const got = Math.max(0, Math.min(take, balance));
      if (got > 0) {
        const adjust = await writeLedger(tx, actor, { op: "adjust", customerId: order.customerId, points: -got, description: reason, reference, metadata });
        await linkEntry(tx, businessId, { ...link, entryId: adjust.entry!.id, points: adjust.entry!.points });
      }
      change = { pointsTaken: bonus.pointsTaken + got, pointsUnrecovered: bonus.pointsUnrecovered + take - got };
    }
    await tx.orderCampaignBonus.update({ where: { businessId_id: { businessId, id: bonus.id } }, data: change });
  }
}
