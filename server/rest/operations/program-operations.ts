// Operations of the program endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { updateSettingsInput } from "../../program/program-settings";
import { tierSchema } from "../../program/tier-schemas";
import { defineOperation } from "../operation";

const programSchema = z
  .object({
    name: z.string().meta({ description: "The business's name, as customers see it." }),
    currency: z.string().meta({ description: "ISO 4217 code of the money amounts (spend, point value)." }),
    pointValuePer100: z.int().meta({ description: "What 100 points are worth, in minor units of the currency." }),
    earnMode: z.enum(["SPEND", "UNIT"]).meta({ description: "SPEND: points per whole currency unit spent; UNIT: points per visit or item." }),
    earnRate: z.int().meta({ description: "Points per currency unit (SPEND) or per unit (UNIT)." }),
    rewardThreshold: z.int().nullable().meta({ description: "Points at which a customer has a reward available (tills show it); null: none." }),
    pointExpiryDays: z.int().nullable().meta({ description: "Days an award stays spendable when it names no expiry; null: points never expire." }),
    expiringSoonDays: z.int().meta({ description: "Days before a lot of points expires that points.expiring_soon is sent for it." }),
    pendingDays: z.int().meta({ description: "Days an award stays pending (not spendable) unless it gives availableAt; 0: spendable at once." }),
    tierBasis: z.enum(["LIFETIME", "ROLLING_12_MONTHS"]).meta({ description: "What qualifies for a tier: every point earned, or those earned in the last 12 months (re-evaluated daily)." }),
    orderEarnsOnShipping: z.boolean().meta({ description: "true: an order's shipping earns points too." }),
    orderEarnsOnTax: z.boolean().meta({ description: "true: an order's tax earns points too." }),
    orderPointsWhen: z.enum(["PAID", "FULFILLED"]).meta({ description: "The order status at which its points are awarded (then pending for pendingDays)." }),
    tiers: z.array(tierSchema).meta({ description: "The tiers, lowest first; a customer's tier is the highest whose minPoints their qualifying points reach." }),
    referralMinimumOrder: z.int().meta({ description: "The smallest order total (minor units) that completes a referral (see /referrals)." }),
    referrerPoints: z.int().meta({ description: "Points the referrer gets when a referral completes (0: none)." }),
    refereePoints: z.int().meta({ description: "Points the referee gets when a referral completes (0: none)." }),
  })
  .meta({ id: "Program" });

export const getProgramOperation = defineOperation({
  method: "GET",
  path: "/program",
  tag: "Program",
  summary: "Get the program's rules",
  description: "How points are earned and what they are worth, expiry, the expiry warning and the tiers.",
  scope: "program:manage",
  response: programSchema,
  status: 200,
});

export const updateProgramOperation = defineOperation({
  method: "PUT",
  path: "/program",
  tag: "Program",
  summary: "Change the program's rules",
  description:
    "Replaces the rules with the body (expiringSoonDays, pendingDays, tierBasis, tiers and the order settings may be left out to keep them: send back what GET answered, changed). " +
    "Each change is recorded in the audit log with its before and after. Changing the earn rate, expiry or pending days applies to " +
    "awards from now on; points already awarded keep theirs. Changing the tiers or their basis re-tiers every customer within minutes (customer.tier_changed for each who moves).",
  scope: "program:manage",
  body: updateSettingsInput,
  response: programSchema,
  status: 200,
  example: { name: "Bean There", currency: "USD", pointValuePer100: 100, earnMode: "SPEND", earnRate: 2, rewardThreshold: 100, pointExpiryDays: 365, expiringSoonDays: 7, pendingDays: 14, tierBasis: "LIFETIME",
    tiers: [{ name: "Bronze", minPoints: 0, multiplierPercent: 100 }, { name: "Silver", minPoints: 1000, multiplierPercent: 125 }, { name: "Gold", minPoints: 5000, multiplierPercent: 150 }] },
  errors: ["VALIDATION_ERROR"],
});
