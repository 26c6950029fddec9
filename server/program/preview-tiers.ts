// Who would land where under a proposed tier table, before the owner saves it: per proposed
// tier (and "no tier") how many of the business's active, non-erased customers it would hold
// now. Read-only; counted by the same qualifying-points function the ledger tiers customers by
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
  const rows = await db.$queryRaw<{ reached: number; customers: number }[]>(Prisma.sql`
    SELECT q.reached, count(*)::int AS customers
      FROM (SELECT (SELECT count(*)::int FROM unnest(${thresholds}::int[]) m
                     WHERE m <= ll_qualifying(c."business_id", c."id", ${tierBasis}::"TierBasis", c."lifetime_earned", c."pending")) AS reached
              FROM "customers" c
             WHERE c."business_id" = ${actor.businessId}::uuid AND c."erased_at" IS NULL AND c."status" = 'ACTIVE') q
     GROUP BY q.reached`);
  const count = (reached: number) => rows.find((r) => r.reached === reached)?.customers ?? 0;
  return {
    tiers: tiers.map((t, i) => ({ name: t.name, minPoints: t.minPoints, customers: count(i + 1) })),
    noTier: count(0),
    total: rows.reduce((sum, r) => sum + r.customers, 0),
  };
}
