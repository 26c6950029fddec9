// Operations of the program endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { tierSchema, updateSettingsInput } from "../../program/program-settings";
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
    tiers: z.array(tierSchema).meta({ description: "The tiers, lowest first; a customer's tier is the highest whose threshold their lifetime points reach. Read-only here for now." }),
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
    "Replaces the rules with the body (every field but expiringSoonDays is required: send back what GET answered, changed). " +
    "Each change is recorded in the audit log with its before and after. Changing the earn rate or expiry applies to " +
    "awards from now on; points already awarded keep theirs.",
  scope: "program:manage",
  body: updateSettingsInput,
  response: programSchema,
  status: 200,
  example: { name: "Bean There", currency: "USD", pointValuePer100: 100, earnMode: "SPEND", earnRate: 2, rewardThreshold: 100, pointExpiryDays: 365, expiringSoonDays: 7 },
  errors: ["VALIDATION_ERROR"],
});
