// Operations of the POS endpoints (see server/rest/operation.ts); picked up by ./index.ts.
// A till asks one question per screen, so each answer carries everything the cashier shows.
import { z } from "zod";
import { checkinInput, phoneOrIdParams, tillRedeemInput } from "../../pos/pos-schemas";
import { defineOperation } from "../operation";
import { standingShape, transactionSchema } from "../schemas";
import { staffNameSchema } from "../../ledger/ledger-schemas";

// `staff`: the cashier's name shown on the entry.
const staff = { staff: staffNameSchema.optional() };

const rewardShape = {
  rewardThreshold: z.int().nullable().meta({ description: "Points at which a reward is available; null when the business has none." }),
  rewardAvailable: z.boolean(),
  pointsToNextReward: z.int().nullable().meta({ description: "0 once a reward is available; null without a threshold." }),
};

export const checkinOperation = defineOperation({
  method: "POST",
  path: "/pos/checkin",
  tag: "POS",
  summary: "Check in a purchase at the till",
  description:
    "Awards points by the business's earn settings and answers the customer's standing. SPEND businesses send `amount` " +
    "(minor units, e.g. cents) and earn earnRate points per whole currency unit, rounded down; UNIT businesses send `units` " +
    "(default 1, a visit) and earn earnRate per unit. An unknown phone is enrolled. A spend too small to earn a point answers " +
    "201 with pointsAwarded 0 and writes nothing. The customer's tier multiplier applies (pointsAwarded includes it). `storeId` names one of " +
    "the business's stores (our id or your code; unknown or closed: 400) and is recorded on the transaction; a business that has set up no stores keeps it as free text in the metadata.",
  scope: "points:write",
  body: checkinInput.and(z.object(staff)),
  response: z.object({
    customerId: z.uuid(),
    customerCreated: z.boolean(),
    pointsAwarded: z.int(),
    totalPoints: z.int(),
    ...rewardShape,
    transaction: transactionSchema.nullable(),
  }),
  status: 201,
  example: { phone: "+1 555 010 2000", amount: 1250, storeId: "store-12", idempotencyKey: "till-3-receipt-881", staff: "Sam" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "CUSTOMER_BLOCKED", "IDEMPOTENCY_MISMATCH"],
});

export const tillCustomerOperation = defineOperation({
  method: "GET",
  path: "/pos/customer/{phoneOrId}",
  tag: "POS",
  summary: "Look up a customer at the till",
  description: "By customer id (a UUID) or phone number (any common format): name, balance, pending points, tier progress, status and reward availability.",
  scope: "points:read",
  params: phoneOrIdParams,
  response: z.object({
    id: z.uuid(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    balance: z.int(),
    ...standingShape,
    status: z.enum(["ACTIVE", "BLOCKED"]),
    ...rewardShape,
  }),
  status: 200,
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});

export const tillBalanceOperation = defineOperation({
  method: "GET",
  path: "/pos/balance/{phoneOrId}",
  tag: "POS",
  summary: "Get a customer's balance at the till",
  description: "The balance and whether a reward is available, by customer id (a UUID) or phone number.",
  scope: "points:read",
  params: phoneOrIdParams,
  response: z.object({ customerId: z.uuid(), balance: z.int(), ...standingShape, ...rewardShape }),
  status: 200,
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});

export const tillRedeemOperation = defineOperation({
  method: "POST",
  path: "/pos/redeem",
  tag: "POS",
  summary: "Redeem points at the till",
  description:
    "Spends points, soonest-expiring first. 422 INSUFFICIENT_POINTS when the balance is short; 403 CUSTOMER_BLOCKED for a blocked customer. " +
    "With `rewardId` it redeems that reward (as POST /rewards/{id}/redeem: its price, stock and coupon code) and answers rewardTitle and couponCode too. " +
    "`storeId` as on check-in: one of the business's stores (our id or code; unknown or closed: 400), or free text while it has set up none.",
  scope: "points:write",
  body: tillRedeemInput.and(z.object(staff)),
  response: z.object({
    customerId: z.uuid(),
    pointsRedeemed: z.int(),
    totalPoints: z.int(),
    ...rewardShape,
    transaction: transactionSchema,
    redemptionId: z.uuid().optional().meta({ description: "With rewardId: the redemption (cancel it with POST /redemptions/{id}/cancel)." }),
    rewardTitle: z.string().optional().meta({ description: "With rewardId: the reward's title." }),
    couponCode: z.string().nullable().optional().meta({ description: "With rewardId: the coupon code to print or apply; null for rewards without codes." }),
  }),
  status: 201,
  example: { phone: "+1 555 010 2000", points: 100, idempotencyKey: "till-3-reward-17", staff: "Sam" },
  errors: ["VALIDATION_ERROR", "NOT_FOUND", "CUSTOMER_NOT_FOUND", "CUSTOMER_BLOCKED", "INSUFFICIENT_POINTS", "IDEMPOTENCY_MISMATCH", "OUT_OF_STOCK", "REWARD_UNAVAILABLE", "LIMIT_REACHED"],
});
