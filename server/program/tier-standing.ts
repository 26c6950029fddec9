// Where a customer stands in the tiers: their tier and its multiplier, the next tier and the
// qualifying points still missing to reach it. One function for every balance answer (REST,
// POS, portal), from the qualifying points the database computed (ll_qualifying).
import { tiersSchema, type Tier } from "./tier-schemas";

export type TierStanding = {
  tier: string | null;
  tierMultiplierPercent: number;
  qualifyingPoints: number;
  nextTier: Tier | null;
  pointsToNextTier: number | null;
};

export function tierStanding(storedTiers: unknown, qualifyingPoints: number): TierStanding {
  const tiers = tiersSchema.catch([]).parse(storedTiers);
  const reached = tiers.filter((t) => t.minPoints <= qualifyingPoints).at(-1) ?? null;
  const next = tiers.find((t) => t.minPoints > qualifyingPoints) ?? null;
  return {
    tier: reached?.name ?? null,
    tierMultiplierPercent: reached?.multiplierPercent ?? 100,
    qualifyingPoints,
    nextTier: next,
    pointsToNextTier: next ? next.minPoints - qualifyingPoints : null,
  };
}
