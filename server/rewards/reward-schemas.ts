// The rewards catalogue, redemptions and coupons as integrators and the portal send them. The
// REST operations and (later) the portal's router validate with these same schemas.
import { z } from "zod";
import { customerRefShape, hasCustomerRef, idempotencyKeySchema, MAX_POINTS_PER_OPERATION, positivePoints, storeRefSchema } from "../ledger/ledger-schemas";
import { pagedBy, pagingShape } from "../paging";
import { storableDate, storableText } from "../storable";
import { COUPON_CODE_PATTERN } from "./coupon-code";

export const couponModes = ["NONE", "GENERATED", "POOL"] as const;
export const MAX_COUPONS_PER_UPLOAD = 10_000;

const title = storableText(120).pipe(z.string().min(1, "the reward needs a title"));
const count = (what: string) =>
  z.int(`must be a whole number of ${what}`).min(0, "must not be negative").max(MAX_POINTS_PER_OPERATION, `must be at most ${MAX_POINTS_PER_OPERATION.toLocaleString("en")}`);
const couponPrefix = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{1,20}$/, "must be 1-20 letters, digits, dashes or underscores")
  .meta({ description: "Put before every generated code (SUMMER- gives SUMMER-7K2M9XQ4RT); GENERATED mode only." });

export const rewardShape = {
  title,
  description: storableText(1000).nullable().optional(),
  pointsCost: positivePoints.meta({ description: "Points one redemption spends." }),
  active: z.boolean({ error: "must be true or false" }).optional().meta({ description: "false: not redeemable (rewards are never deleted). Default true." }),
  stock: count("redemptions").nullable().optional().meta({ description: "Redemptions left; null or absent: unlimited. A cancelled redemption gives one back." }),
  perCustomerLimit: count("redemptions").pipe(z.int().positive("must be at least 1")).nullable().optional()
    .meta({ description: "Active (not cancelled) redemptions one customer may hold; null: no limit." }),
  validFrom: storableDate.nullable().optional().meta({ description: "Redeemable from (ISO 8601); null: already." }),
  validUntil: storableDate.nullable().optional().meta({ description: "Redeemable until, exclusive (ISO 8601); null: no end." }),
  couponMode: z.enum(couponModes, `must be one of ${couponModes.join(", ")}`).optional()
    .meta({ description: "NONE: no code; GENERATED: a unique unguessable code per redemption; POOL: one of the codes you uploaded (POST /rewards/{id}/coupons). Default NONE." }),
  couponPrefix: couponPrefix.nullable().optional(),
};

type RewardFields = { validFrom?: Date | null; validUntil?: Date | null; couponMode?: string; couponPrefix?: string | null };

// The rules between fields, checked on a new reward and on a reward with its changes applied.
export function rewardFieldProblem(v: RewardFields): string | null {
  if (v.validFrom && v.validUntil && v.validFrom >= v.validUntil) return "validUntil must be after validFrom";
  if (v.couponPrefix && v.couponMode !== "GENERATED") return "couponPrefix applies only to couponMode GENERATED";
  return null;
}

export const createRewardInput = z.object(rewardShape).superRefine((v, ctx) => {
  const problem = rewardFieldProblem({ ...v, couponMode: v.couponMode ?? "NONE" });
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: [problem.split(" ")[0]!] });
});

const changesShape = { ...rewardShape, title: title.optional(), pointsCost: rewardShape.pointsCost.optional() };
const hasChange = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const NO_CHANGE = { message: "send at least one field to change", path: ["title"] };
export const rewardChangesInput = z.object(changesShape).refine(hasChange, NO_CHANGE);
export const updateRewardInput = z.object({ id: z.string().max(100), ...changesShape }).refine(({ id: _id, ...rest }) => hasChange(rest), NO_CHANGE);

export const rewardIdParams = z.object({ id: z.string().max(100).meta({ description: "The reward id (a UUID).", format: "uuid" }) });
export const redemptionIdParams = z.object({ id: z.string().max(100).meta({ description: "The redemption id (a UUID).", format: "uuid" }) });
export const couponCodeParams = z.object({ code: z.string().max(100).meta({ description: "The coupon code, any case." }) });

const booleanQuery = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");
export const listRewardsInput = z
  .object({
    active: booleanQuery.optional().meta({ description: "Only active (true) or inactive (false) rewards." }),
    customerId: customerRefShape.customerId.meta({ description: "Only rewards this customer can redeem now: active, in their window, in stock and within their points." }),
    ...pagingShape,
  })
  .transform(pagedBy);

const idempotency = {
  idempotencyKey: idempotencyKeySchema.optional(),
  referenceId: idempotencyKeySchema.optional().meta({ description: "Same as idempotencyKey, e.g. your order number." }),
};

export const redeemRewardInput = z
  .object({ rewardId: z.string().max(100), ...customerRefShape, ...idempotency, storeId: storeRefSchema.optional() })
  .refine(hasCustomerRef, { message: "Name the customer with customerId, customerEmail, customerPhone or externalId", path: ["customerId"] });
export const redeemRewardBody = z
  .object({ ...customerRefShape, ...idempotency, storeId: storeRefSchema.optional() })
  .refine(hasCustomerRef, { message: "Name the customer with customerId, customerEmail, customerPhone or externalId", path: ["customerId"] });

export const cancelRedemptionBody = z.object({ reason: storableText(500).pipe(z.string().min(1)).optional().meta({ description: "Why (a refund, a mistake); kept on the reversal." }) });

export const redemptionStatuses = ["ACTIVE", "CANCELLED"] as const;
export const listRedemptionsInput = z
  .object({
    ...customerRefShape,
    rewardId: z.uuid("must be a reward id (UUID)").optional(),
    status: z.string().trim().toUpperCase().pipe(z.enum(redemptionStatuses, "must be ACTIVE or CANCELLED")).optional(),
    ...pagingShape,
  })
  .transform(pagedBy);

const couponCode = z
  .string({ error: "must be a string" })
  .trim()
  .toUpperCase()
  .regex(COUPON_CODE_PATTERN, "must be 3-64 letters, digits, dashes or underscores");
export const uploadCouponsBody = z.object({
  codes: z.array(couponCode, { error: "must be a list of codes" }).min(1, "send at least one code").max(MAX_COUPONS_PER_UPLOAD, `at most ${MAX_COUPONS_PER_UPLOAD.toLocaleString("en")} codes per upload`),
});

export type CreateRewardInput = z.input<typeof createRewardInput>;
export type UpdateRewardInput = z.input<typeof updateRewardInput>;
export type ListRewardsInput = z.input<typeof listRewardsInput>;
export type RedeemRewardInput = z.input<typeof redeemRewardInput>;
export type ListRedemptionsInput = z.input<typeof listRedemptionsInput>;
