// Operations of the rewards, redemptions and coupons endpoints (see server/rest/operation.ts);
// picked up by ./index.ts.
import { z } from "zod";
import { staffNameSchema } from "../../ledger/ledger-schemas";
import { couponsFromCsv } from "../../rewards/upload-coupons";
import {
  cancelRedemptionBody, couponCodeParams, couponModes, createRewardInput, listRedemptionsInput, listRewardsInput, redeemRewardBody,
  redemptionIdParams, redemptionStatuses, rewardChangesInput, rewardIdParams, uploadCouponsBody,
} from "../../rewards/reward-schemas";
import { defineOperation } from "../operation";
import { paginationSchema } from "../schemas";

const staff = { staff: staffNameSchema.optional() };

const rewardSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    pointsCost: z.int(),
    active: z.boolean(),
    stock: z.int().nullable().meta({ description: "Redemptions left; null: unlimited." }),
    perCustomerLimit: z.int().nullable(),
    validFrom: z.iso.datetime().nullable(),
    validUntil: z.iso.datetime().nullable(),
    couponMode: z.enum(couponModes),
    couponPrefix: z.string().nullable(),
    couponsAvailable: z.int().nullable().meta({ description: "POOL rewards: uploaded codes not yet issued (its real stock); else null." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Reward" });

const redemptionSchema = z
  .object({
    id: z.uuid(),
    rewardId: z.uuid(),
    rewardTitle: z.string().meta({ description: "The reward's title when it was redeemed." }),
    customerId: z.uuid(),
    points: z.int().meta({ description: "Points spent." }),
    couponCode: z.string().nullable().meta({ description: "The code the store turns into the discount; null for rewards without codes." }),
    status: z.enum(redemptionStatuses),
    entryId: z.uuid().meta({ description: "The REDEEM transaction." }),
    cancelEntryId: z.uuid().nullable().meta({ description: "The REVERSAL that refunded it, once cancelled." }),
    cancelReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    cancelledAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Redemption" });

const redemptionOutcomeSchema = redemptionSchema.extend({ balanceAfter: z.int().meta({ description: "The customer's balance right after the points moved." }) });

const couponSchema = z
  .object({
    code: z.string(),
    status: z.enum(["AVAILABLE", "ISSUED", "USED", "VOID"]).meta({ description: "AVAILABLE: in a pool, not issued; ISSUED: bought, not used; USED; VOID: its redemption was cancelled." }),
    valid: z.boolean().meta({ description: "true: issued and not used yet; honour it (and mark it used)." }),
    reward: z.object({ id: z.uuid(), title: z.string(), active: z.boolean() }),
    customerId: z.uuid().nullable(),
    redemptionId: z.uuid().nullable(),
    issuedAt: z.iso.datetime().nullable(),
    usedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Coupon" });

const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), pagination: paginationSchema });

export const listRewardsOperation = defineOperation({
  method: "GET", path: "/rewards", tag: "Rewards", summary: "List rewards",
  description: "Cheapest first, paged. `customerId` narrows to what that customer can redeem now (active, in its window, in stock with a code left, within their spendable points and their per-customer limit).",
  scope: "points:read", query: listRewardsInput, response: list(rewardSchema), status: 200, errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});

export const createRewardOperation = defineOperation({
  method: "POST", path: "/rewards", tag: "Rewards", summary: "Create a reward",
  description: "Something customers spend points on, with optional stock, per-customer limit, validity window and coupon codes.",
  scope: "program:manage", body: createRewardInput, response: rewardSchema, status: 201,
  example: { title: "Free coffee", pointsCost: 100, stock: 50, couponMode: "GENERATED", couponPrefix: "COFFEE-" },
  errors: ["VALIDATION_ERROR"],
});

export const getRewardOperation = defineOperation({
  method: "GET", path: "/rewards/{id}", tag: "Rewards", summary: "Get a reward", description: "With its stock left and, for a POOL reward, the codes not yet issued.",
  scope: "points:read", params: rewardIdParams, response: rewardSchema, status: 200, errors: ["NOT_FOUND"],
});

export const updateRewardOperation = defineOperation({
  method: "PATCH", path: "/rewards/{id}", tag: "Rewards", summary: "Change a reward",
  description: "Any field; `active: false` retires it (rewards are never deleted: redemptions name them). Audited.",
  scope: "program:manage", params: rewardIdParams, body: rewardChangesInput, response: rewardSchema, status: 200, example: { stock: 20 },
  errors: ["VALIDATION_ERROR", "NOT_FOUND"],
});

export const redeemRewardOperation = defineOperation({
  method: "POST", path: "/rewards/{id}/redeem", tag: "Rewards", summary: "Redeem a reward",
  description:
    "Spends the reward's points and takes one of its stock and a coupon code, all or nothing. 409 OUT_OF_STOCK (no stock or codes left), " +
    "REWARD_UNAVAILABLE (inactive or outside its window) or LIMIT_REACHED (the customer's limit); 422 INSUFFICIENT_POINTS. " +
    "With an idempotencyKey a retry answers the same redemption (as it is now) with `Idempotent-Replayed: true`. " +
    "`storeId` (our id or your code) records where it happened; unknown or closed: 400.",
  scope: "points:write", params: rewardIdParams, body: redeemRewardBody.and(z.object(staff)), response: redemptionOutcomeSchema, status: 201,
  example: { customerEmail: "ann@example.com", idempotencyKey: "reward-order-1001" },
  errors: ["VALIDATION_ERROR", "NOT_FOUND", "CUSTOMER_NOT_FOUND", "CUSTOMER_BLOCKED", "OUT_OF_STOCK", "REWARD_UNAVAILABLE", "LIMIT_REACHED", "INSUFFICIENT_POINTS", "IDEMPOTENCY_MISMATCH"],
});

export const uploadCouponsOperation = defineOperation({
  method: "POST", path: "/rewards/{id}/coupons", tag: "Rewards", summary: "Upload coupon codes",
  description:
    "Adds your own codes to a POOL reward: JSON `{codes: [...]}` or `Content-Type: text/csv` (one code per line, optional `code` header), " +
    "up to 10,000 per call. Codes are 3-64 letters, digits, dashes or underscores, stored upper-cased. Codes the business already has, " +
    "or repeated in the upload, are listed in `duplicates` and not added; a bad line refuses the whole upload.",
  scope: "program:manage", params: rewardIdParams, body: uploadCouponsBody, csvBody: couponsFromCsv,
  response: z.object({ added: z.int(), duplicates: z.array(z.string()) }), status: 201, example: { codes: ["SHOP-AX12", "SHOP-BQ34"] },
  errors: ["VALIDATION_ERROR", "NOT_FOUND", "CONFLICT"],
});

export const listRedemptionsOperation = defineOperation({
  method: "GET", path: "/redemptions", tag: "Rewards", summary: "List redemptions",
  description: "Newest first, paged; filter by customer (customerId, customerEmail, customerPhone, externalId), rewardId and status.",
  scope: "points:read", query: listRedemptionsInput, response: list(redemptionSchema), status: 200, errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});

export const getRedemptionOperation = defineOperation({
  method: "GET", path: "/redemptions/{id}", tag: "Rewards", summary: "Get a redemption",
  scope: "points:read", params: redemptionIdParams, response: redemptionSchema, status: 200, errors: ["NOT_FOUND"],
});

export const cancelRedemptionOperation = defineOperation({
  method: "POST", path: "/redemptions/{id}/cancel", tag: "Rewards", summary: "Cancel a redemption",
  description:
    "Refunds the points (a REVERSAL), returns one to the reward's stock, and puts an unused pool code back (a generated one is voided; " +
    "a used code stays used). Once: cancelling again answers the cancelled redemption and refunds nothing.",
  scope: "points:write", params: redemptionIdParams, body: cancelRedemptionBody.extend(staff), response: redemptionOutcomeSchema, status: 200,
  example: { reason: "Order returned" }, errors: ["VALIDATION_ERROR", "NOT_FOUND", "CUSTOMER_NOT_FOUND", "ALREADY_REVERSED"],
});

export const getCouponOperation = defineOperation({
  method: "GET", path: "/coupons/{code}", tag: "Rewards", summary: "Check a coupon code",
  description: "Whether a store should honour a code (`valid`: issued and not used), and whose it is. Any case.",
  scope: "points:read", params: couponCodeParams, response: couponSchema, status: 200, errors: ["NOT_FOUND"],
});

export const useCouponOperation = defineOperation({
  method: "POST", path: "/coupons/{code}/use", tag: "Rewards", summary: "Mark a coupon code used",
  description: "Idempotent: a used code answers 200 with its first usedAt. 409 COUPON_UNUSABLE for a code never issued or voided by a cancel.",
  scope: "points:write", params: couponCodeParams, body: z.object(staff), response: couponSchema, status: 200, example: { staff: "Sam" },
  errors: ["NOT_FOUND", "COUPON_UNUSABLE"],
});
