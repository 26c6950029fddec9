// Operations of the campaigns endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { campaignChangesInput, campaignIdParams, campaignKinds, createCampaignInput, listCampaignsInput } from "../../campaigns/campaign-schemas";
import { defineOperation } from "../operation";

const campaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ description: "Shown on each entry it writes: \"Campaign: <name>\"." }),
    kind: z.enum(campaignKinds),
    points: z.int().nullable().meta({ description: "SIGNUP and BIRTHDAY: the bonus." }),
    multiplierPercent: z.int().nullable().meta({ description: "MULTIPLIER: 200 = double the matching lines' base points." }),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable().meta({ description: "Exclusive." }),
    storeIds: z.array(z.uuid()).meta({ description: "MULTIPLIER: only orders at these stores; empty: any." }),
    categories: z.array(z.string()).meta({ description: "MULTIPLIER: only lines of products in these categories; empty: any." }),
    active: z.boolean(),
    pointsIssued: z.int().meta({ description: "Net points it has given (awards less what refunds and cancellations took back)." }),
    customers: z.int().meta({ description: "Customers it has given points to." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Campaign" });

const RULES =
  "SIGNUP: `points` once to each customer enrolled while it runs (by an award, an order, POST /customers or the portal; not by the CSV import), " +
  "a few seconds later by a job. BIRTHDAY: `points` on the customer's birthday (UTC date; 29 February on 28 February in other years), once a year. " +
  "MULTIPLIER (startsAt and endsAt required): on orders placed inside the window, at its stores and on lines of its categories, extra points " +
  "= floor(base points of the matching lines × (multiplierPercent − 100) / 100); the tier multiplier never applies to it, and where several match a line " +
  "the highest percent wins (a tie: the earliest created). Each award is its own transaction \"Campaign: <name>\" (metadata.campaignId).";

export const listCampaignsOperation = defineOperation({
  method: "GET", path: "/campaigns", tag: "Campaigns", summary: "List campaigns",
  description: "Newest first, with what each has given. Filter by `active` and `kind`.",
  scope: "program:manage", query: listCampaignsInput, response: z.object({ items: z.array(campaignSchema) }), status: 200, errors: ["VALIDATION_ERROR"],
});

export const createCampaignOperation = defineOperation({
  method: "POST", path: "/campaigns", tag: "Campaigns", summary: "Create a campaign",
  description: `Earn rules beyond the base rate. ${RULES} Audited.`,
  scope: "program:manage", body: createCampaignInput, response: campaignSchema, status: 201,
  example: { name: "Double points weekend", kind: "MULTIPLIER", multiplierPercent: 200, startsAt: "2026-12-05T00:00:00Z", endsAt: "2026-12-07T00:00:00Z" },
  errors: ["VALIDATION_ERROR"],
});

export const getCampaignOperation = defineOperation({
  method: "GET", path: "/campaigns/{id}", tag: "Campaigns", summary: "Get a campaign", description: "With the points it has given.",
  scope: "program:manage", params: campaignIdParams, response: campaignSchema, status: 200, errors: ["NOT_FOUND"],
});

export const updateCampaignOperation = defineOperation({
  method: "PATCH", path: "/campaigns/{id}", tag: "Campaigns", summary: "Change or end a campaign",
  description: "Any field but `kind`; `active: false` ends it (campaigns are never deleted: their entries name them). What it already gave stays. Audited.",
  scope: "program:manage", params: campaignIdParams, body: campaignChangesInput, response: campaignSchema, status: 200, example: { active: false },
  errors: ["VALIDATION_ERROR", "NOT_FOUND"],
});

// The campaigns' part of POST /orders (orders-operations.ts appends it), with the worked
// example carried on (order-campaigns.int.test.ts checks it).
export const CAMPAIGNS_ON_ORDERS =
  "\n\n**Campaigns, in this order.** 1) Each line's base points by the earn rule (above). 2) The customer's tier multiplier applies to the order's own points, as always. " +
  "3) Each running MULTIPLIER campaign (see /campaigns) whose window holds the order's `placedAt` (else the time it was recorded), whose stores include the order's store (or it names none) " +
  "and whose categories include the line's product category (or it names none) multiplies the **base** points of the lines it matches, never the tier-multiplied ones: " +
  "bonus = floor(base points of its lines × (multiplierPercent − 100) / 100). 4) Campaigns don't stack: where several match a line, the highest percent wins (a tie: the earliest created). " +
  "Shipping and tax points get no campaign bonus. 5) Each campaign's bonus is its own transaction, \"Campaign: <name>\", written with the order's award (pending alike) " +
  "and taken back with its refunds (returned items take back the bonus on their own lines; a refund by amount, which names no lines, its share of the order's eligible amount) and its cancellation or a full refund (all of it).\n\n" +
  "*Worked example, continued*: a Gold customer (tier 150%) during \"Double weekend\" (200%, every line) and \"Coffee triple\" (300%, category Coffee, the beans' category): " +
  "the order's own entry is 81 × 150% = 121; the beans' 53 base points go to the triple (300% beats 200%): 53 × 200 / 100 = **106**; the mug's 18 to the double: 18 × 100 / 100 = **18**; " +
  "the shipping's 10 get none. The customer gets 121 + 106 + 18 = 245 points, in three entries.";
