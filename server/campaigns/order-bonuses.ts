// Multiplier campaigns on orders: planned when the order is created (the campaigns running at
// its placedAt, matching its store and its lines' product categories), awarded with the order's
// own award (at creation or when it reaches the program's points status), each campaign's bonus
// its own entry. The order code calls the two hooks below and nothing else.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { awardCampaign } from "./award-campaign";
import { planBonuses, type MultiplierCampaign } from "./campaign-bonus";

export type BonusOrder = { id: string; customerId: string; storeId: string | null };
type Line = { productExternalId: string; points: number };

// One round trip: the multiplier campaigns running at `at`, and the categories of the lines'
// products only when one of them filters by category.
export async function planOrderBonuses(tx: DbOrTx, actor: Actor, order: BonusOrder & { placedAt: Date; lines: Line[]; awardNow: boolean }): Promise<void> {
  const { businessId } = actor;
  const products = [...new Set(order.lines.map((l) => l.productExternalId))];
  const [found] = await tx.$queryRaw<{ campaigns: (Omit<MultiplierCampaign, "createdAt"> & { createdAt: string })[] | null; categories: Record<string, string> | null }[]>(Prisma.sql`
    WITH c AS (
      SELECT "id", "name", "multiplier_percent" AS "multiplierPercent", "store_ids" AS "storeIds", "categories", "created_at" AS "createdAt"
        FROM "campaigns"
       WHERE "business_id" = ${businessId}::uuid AND "kind" = 'MULTIPLIER' AND "active"
         AND "starts_at" <= ${order.placedAt} AND "ends_at" > ${order.placedAt}
    )
    SELECT (SELECT json_agg(c) FROM c) AS "campaigns",
           (SELECT json_object_agg(p."external_id", p."category") FROM "products" p
             WHERE p."business_id" = ${businessId}::uuid AND p."external_id" = ANY(${products}::text[]) AND p."category" IS NOT NULL
               AND EXISTS (SELECT 1 FROM c WHERE cardinality(c."categories") > 0)) AS "categories"`);
  if (!found?.campaigns) return;
  const campaigns = found.campaigns.map((c) => ({ ...c, createdAt: new Date(c.createdAt) }));
  const categories = found.categories ?? {};
  const lines = order.lines.map((l) => ({ points: l.points, category: categories[l.productExternalId] ?? null }));
  const plan = planBonuses(campaigns, order.storeId, lines);
  for (const bonus of plan) {
    await tx.orderCampaignBonus.create({
      data: { businessId, orderId: order.id, campaignId: bonus.campaignId, points: bonus.points, positions: bonus.positions, basePoints: bonus.basePoints },
    });
  }
  if (order.awardNow && plan.length > 0) await awardOrderBonuses(tx, actor, order);
}

// With the order's award: each planned bonus not yet awarded. The key makes a retried status
// move award once.
export async function awardOrderBonuses(tx: DbOrTx, actor: Actor, order: BonusOrder): Promise<void> {
  const { businessId } = actor;
  const bonuses = await tx.orderCampaignBonus.findMany({
    where: { businessId, orderId: order.id, entryId: null, points: { gt: 0 } },
    include: { campaign: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  for (const bonus of bonuses) {
    const award = await awardCampaign(tx, actor, {
      campaign: bonus.campaign, customerId: order.customerId, points: bonus.points, orderId: order.id, storeId: order.storeId,
      key: `campaign:${bonus.campaignId}:order:${order.id}`,
    });
    await tx.orderCampaignBonus.update({ where: { businessId_id: { businessId, id: bonus.id } }, data: { entryId: award.entryId, pointsAwarded: award.points } });
  }
}
