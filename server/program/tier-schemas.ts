// The tier table: the single source for its validation, its type and its OpenAPI shape.
import { z } from "zod";
import { storableText } from "../storable";

export const MAX_TIERS = 10;

export const tierSchema = z.object({
  name: storableText(40)
    .pipe(z.string().trim().min(1, "every tier needs a name"))
    .meta({ description: "The tier's name, as customers' `tier` shows it." }),
  minPoints: z
    .int("must be a whole number of points")
    .min(0, "must be 0 or more")
    .max(100_000_000)
    .meta({ description: "Qualifying points (see tierBasis) that reach this tier." }),
  multiplierPercent: z
    .int("must be a whole percentage")
    .min(100, "must be at least 100 (1x): a tier never earns less than the base rate")
    .max(1000, "must be at most 1000 (10x)")
    .meta({ description: "Earn multiplier in whole percent: 150 = 1.5x. Awarded points = base x multiplierPercent / 100, rounded down." }),
});

export type Tier = z.infer<typeof tierSchema>;

// Any order in, lowest first out; names and thresholds each unique (names case-insensitively,
// since customers and reports tell tiers apart by name).
export const tiersSchema = z
  .array(tierSchema)
  .max(MAX_TIERS, `at most ${MAX_TIERS} tiers`)
  .superRefine((tiers, ctx) => {
    const names = new Set<string>();
    const thresholds = new Set<number>();
    tiers.forEach((tier, i) => {
      const name = tier.name.toLowerCase();
      if (names.has(name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `two tiers are named "${tier.name}"` });
      if (thresholds.has(tier.minPoints)) ctx.addIssue({ code: "custom", path: [i, "minPoints"], message: `two tiers start at ${tier.minPoints} points` });
      names.add(name);
      thresholds.add(tier.minPoints);
    });
  })
  .transform((tiers) => [...tiers].sort((a, b) => a.minPoints - b.minPoints))
  .meta({ description: "The tiers, lowest first (any order accepted). A customer's tier is the highest whose minPoints their qualifying points reach; below every tier, none." });
