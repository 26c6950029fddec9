// Who would land where under a proposed tier table, before the owner saves it: per proposed
// tier (and "no tier") how many of the business's customers (not erased; blocked ones keep a
// tier too) it would hold now. Read-only; counted by the same qualifying-points function the ledger tiers customers by
// (ll_qualifying), so the preview and the re-evaluation after saving agree.
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { tiersSchema } from "./tier-schemas";

export const previewTiersInput = z.object({
  tierBasis: z.enum(["LIFETIME", "ROLLING_12_MONTHS"]),
  tiers: tiersSchema,
});

export type TierPreview = {
  tiers: { name: string; minPoints: number; customers: number }[];
  noTier: number;
  total: number;
};

export async function previewTiers(db: DbOrTx, actor: Actor, input: z.input<typeof previewTiersInput>): Promise<TierPreview> {
  const { tierBasis, tiers } = previewTiersInput.parse(input);
  // Lowest first with distinct thresholds (the schema's guarantee), so the number of
  // thresholds a customer's points reach is their tier's position + 1; 0 is no tier.
  const thresholds = tiers.map((t) => t.minPoints);
  // Qualifying points as balance answers count them: pending points whose time has come count
  // (released or not), computed once per customer.
  const rows = await db.$queryRaw<{ reached: number; customers: number }[]>(Prisma.sql`
    SELECT (SELECT count(*)::int FROM unnest(${thresholds}::int[]) m WHERE m <= q.points) AS reached, count(*)::int AS customers
      FROM (SELECT ll_qualifying(c."business_id", c."id", ${tierBasis}::"TierBasis", c."lifetime_earned",
                                 c."pending" - (SELECT coalesce(sum(l."remaining"), 0)::int FROM "point_lots" l
                                                 WHERE l."business_id" = c."business_id" AND l."customer_id" = c."id"
                                                   AND l."pending" AND l."available_at" <= now())) AS points
              FROM "customers" c
             WHERE c."business_id" = ${actor.businessId}::uuid AND c."erased_at" IS NULL) q
     GROUP BY 1`);
  const count = (reached: number) => rows.find((r) => r.reached === reached)?.customers ?? 0;
  return {
    tiers: tiers.map((t, i) => ({ name: t.name, minPoints: t.minPoints, customers: count(i + 1) })),
    noTier: count(0),
    total: rows.reduce((sum, r) => sum + r.customers, 0),
  };
}
