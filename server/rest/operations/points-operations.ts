import { z } from "zod";
import { balanceInput } from "../../ledger/get-balance";
import { adjustInput, awardInput, entryTypes, expireInput, historyInput, redeemInput, reverseInput, staffNameSchema } from "../../ledger/ledger-schemas";
import { pagingShape } from "../../paging";
import { defineOperation } from "../operation";
import { balanceSchema, ledgerResultSchema, paginationSchema, transactionSchema } from "../schemas";

// `staff`: the cashier or clerk's name shown on the entry.
const staff = { staff: staffNameSchema.optional() };

export const awardOperation = defineOperation({
  method: "POST",
  path: "/points/award",
  tag: "Points",
  summary: "Award points",
  description:
    "Credits points to a customer, enrolling them first when they are named by email, phone or externalId and not yet known. " +
    "Send an idempotencyKey (or referenceId, e.g. your order number): a retry with the same key returns the original result.",
  scope: "points:write",
  body: awardInput.and(z.object(staff)),
  response: ledgerResultSchema.extend({ customerCreated: z.boolean() }),
  status: 201,
  example: { customerEmail: "ann@example.com", amount: 120, description: "Order #1001", idempotencyKey: "order-1001" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_BLOCKED", "IDEMPOTENCY_MISMATCH"],
});

export const redeemOperation = defineOperation({
  method: "POST",
  path: "/points/redeem",
  tag: "Points",
  summary: "Redeem points",
  description: "Spends points, soonest-expiring first. Fails with 422 INSUFFICIENT_POINTS, writing nothing, when the balance is short.",
  scope: "points:write",
  body: redeemInput.and(z.object(staff)),
  response: ledgerResultSchema,
  status: 201,
  example: { customerEmail: "ann@example.com", amount: 100, description: "Free coffee", idempotencyKey: "redeem-77" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "CUSTOMER_BLOCKED", "INSUFFICIENT_POINTS", "IDEMPOTENCY_MISMATCH"],
});

export const adjustOperation = defineOperation({
  method: "POST",
  path: "/points/adjust",
  tag: "Points",
  summary: "Adjust points",
  description: "A signed correction with a required reason. Negative adjustments can't take the balance below zero.",
  scope: "points:write",
  body: adjustInput.and(z.object(staff)),
  response: ledgerResultSchema,
  status: 201,
  example: { customerEmail: "ann@example.com", points: -20, reason: "Returned item" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "INSUFFICIENT_POINTS"],
});

export const reverseOperation = defineOperation({
  method: "POST",
  path: "/points/reverse",
  tag: "Points",
  summary: "Reverse a transaction",
  description: "Undoes an award, redemption or adjustment, once. A reversed redemption gives back exactly the points it used, with their original expiry.",
  scope: "points:write",
  // transactionId is the API's name; entryId (the ledger's) is accepted too.
  body: reverseInput
    .omit({ entryId: true })
    .extend({ transactionId: z.uuid("must be a transaction id (UUID)").optional(), entryId: z.uuid("must be a transaction id (UUID)").optional().meta({ description: "Same as transactionId." }), ...staff })
    .refine((v) => v.transactionId ?? v.entryId, { message: "transactionId is required", path: ["transactionId"] }),
  response: ledgerResultSchema,
  status: 201,
  example: { transactionId: "5f0c6d1e-2a8b-4c1e-9d3f-7a6b5c4d3e2f", reason: "Order cancelled" },
  errors: ["VALIDATION_ERROR", "ENTRY_NOT_FOUND", "ALREADY_REVERSED", "NOT_REVERSIBLE", "INSUFFICIENT_POINTS"],
});

export const expireOperation = defineOperation({
  method: "POST",
  path: "/points/expire",
  tag: "Points",
  summary: "Expire points",
  description: "Expires a customer's points whose expiry is at or before `before` (default: now), or up to `amount` of them, soonest first.",
  scope: "points:write",
  body: expireInput.and(z.object(staff)),
  response: z.object({ expired: z.int(), transaction: transactionSchema.nullable(), balance: z.int() }),
  status: 200,
  example: { customerEmail: "ann@example.com", before: "2027-01-31T00:00:00Z" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});

// Query strings name the customer with short keys (?email=, ?phone=) as well as the body names.
const customerQueryDoc = {
  email: z.string().optional().meta({ description: "The customer's email (case-insensitive)." }),
  phone: z.string().optional().meta({ description: "The customer's phone number (formatting ignored)." }),
  customerEmail: z.string().optional().meta({ description: "Same as email." }),
  customerPhone: z.string().optional().meta({ description: "Same as phone." }),
  customerId: z.uuid().optional(),
  externalId: z.string().optional().meta({ description: "Your system's id for the customer." }),
};

export function customerQuery<T extends z.ZodType>(schema: T) {
  return z.preprocess((query) => {
    const { email, phone, ...rest } = query as Record<string, unknown>;
    return { ...rest, ...(email !== undefined && { customerEmail: email }), ...(phone !== undefined && { customerPhone: phone }) };
  }, schema);
}

export const balanceOperation = defineOperation({
  method: "GET",
  path: "/points/balance",
  tag: "Points",
  summary: "Get a customer's balance",
  description:
    "Spendable balance and pending points, lifetime earned and redeemed, points expiring in the next 30 days, the tier with its multiplier, " +
    "the next tier and the qualifying points still missing. All as of this instant (pending points whose time has come are spendable). " +
    "Name the customer with email, phone, customerId or externalId.",
  scope: "points:read",
  query: customerQuery(balanceInput),
  queryDoc: z.object(customerQueryDoc),
  response: balanceSchema,
  status: 200,
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});

export const historyOperation = defineOperation({
  method: "GET",
  path: "/points/history",
  tag: "Points",
  summary: "List a customer's transactions",
  description:
    "Newest first, each with the balance right after it. Filters: type, from, to, reference, staff, actorId, storeId; paged by " +
    "page and perPage (up to 100; `limit` is accepted as its older name). An unknown parameter is refused with 400.",
  scope: "points:read",
  query: customerQuery(historyInput),
  queryDoc: z.object({
    ...customerQueryDoc,
    type: z
      .enum([...entryTypes, "all"])
      .optional()
      .meta({ description: "Only entries of this type (any case); all: no filter." }),
    from: z.string().optional().meta({ description: "ISO 8601 date-time, or a date (from its start, UTC); inclusive.", examples: ["2026-11-01"] }),
    to: z
      .string()
      .optional()
      .meta({ description: "ISO 8601 date-time (exclusive), or a date: through the end of that day, UTC.", examples: ["2026-11-30"] }),
    reference: z.string().optional().meta({ description: "Only entries with this reference." }),
    staff: z.string().optional().meta({ description: "Only entries whose staffName is this (exact, case-insensitive)." }),
    actorId: z.string().optional().meta({ description: "Only entries written by this API key or portal user id." }),
    storeId: z.string().optional().meta({ description: "Only entries at this store: our store id or your code for it (a closed store's entries too)." }),
    ...pagingShape,
  }),
  response: z.object({ items: z.array(transactionSchema), pagination: paginationSchema }),
  status: 200,
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND"],
});
