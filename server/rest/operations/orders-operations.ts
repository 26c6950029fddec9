// Operations of the orders endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { orderStatuses } from "../../orders/order-schemas";
import { createOrderInput, listOrdersInput, orderParams, refundOrderBody, updateOrderBody } from "../../orders/order-schemas";
import { defineOperation } from "../operation";
import { paginationSchema } from "../schemas";
import { CAMPAIGNS_ON_ORDERS } from "./campaigns-operations";

const refundSchema = z
  .object({
    id: z.uuid(),
    idempotencyKey: z.string(),
    amount: z.int().meta({ description: "Money refunded, minor units." }),
    eligibleAmount: z.int().meta({ description: "The part of it that had earned points." }),
    pointsTaken: z.int().meta({ description: "Points this refund took back from the customer." }),
    pointsUnrecovered: z.int().meta({ description: "Points it should have taken back but couldn't: the customer had spent them." }),
    entryId: z.uuid().nullable().meta({ description: "The ledger entry that took the points (an ADJUST, or the REVERSAL of a still-pending award), or null." }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "OrderRefund" });

const itemSchema = z.object({
  productExternalId: z.string(),
  quantity: z.int(),
  unitPrice: z.int(),
  lineTotal: z.int(),
  excluded: z.boolean().meta({ description: "The product was excluded from earning when the order came in." }),
  eligibleAmount: z.int().meta({ description: "The line's part of the eligible amount (after its share of the discount)." }),
  points: z.int().meta({ description: "The line's part of the points (shipping and tax points are the order's own)." }),
  quantityRefunded: z.int(),
});

const orderSchema = z
  .object({
    id: z.uuid().meta({ description: "Our id for it." }),
    externalId: z.string().meta({ description: "Your id for it." }),
    customerId: z.uuid(),
    status: z.enum(orderStatuses),
    currency: z.string(),
    subtotal: z.int(), discount: z.int(), shipping: z.int(), tax: z.int(),
    eligibleAmount: z.int().meta({ description: "The amount that earns points (see POST /orders)." }),
    points: z.int().meta({ description: "What the order earns by the program's rule (before the customer's tier multiplier)." }),
    pointsAwarded: z.int().meta({ description: "Points the award credited (tier multiplier applied); 0 until the order is paid (or fulfilled, per the program)." }),
    pointsRefunded: z.int().meta({ description: "Points taken back by refunds and cancellation." }),
    pointsUnrecovered: z.int().meta({ description: "Points that should have been taken back but couldn't: the customer had spent them." }),
    amountRefunded: z.int(),
    awardEntryId: z.uuid().nullable().meta({ description: "The AWARD ledger entry holding the order's points, or null." }),
    storeId: z.uuid().nullable(),
    referralCode: z.string().nullable(),
    placedAt: z.iso.datetime(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(),
    items: z.array(itemSchema).optional().meta({ description: "The lines (on a single order, not in lists)." }),
    refunds: z.array(refundSchema).optional().meta({ description: "The refunds, oldest first (on a single order, not in lists)." }),
  })
  .meta({ id: "Order" });

export const createOrderOperation = defineOperation({
  method: "POST", path: "/orders", tag: "Orders", summary: "Record an order",
  description:
    "Records an order of a customer (named by customerId, customerEmail, customerPhone or customerExternalId; someone new by email, phone or external id is enrolled). " +
    "201 with the order; the same body again (same externalId) is a replay (200, the order as it is now); another body under that externalId is 422 IDEMPOTENCY_MISMATCH. `currency` must be the business's.\n\n" +
    "**Points.** The eligible amount is the line totals of products not excluded from earning, less their share of the discount " +
    "(the discount is spread over all lines by their totals, and the eligible share is rounded up, so the eligible amount is rounded down to the cent), " +
    "plus shipping and tax only when the program's `orderEarnsOnShipping` / `orderEarnsOnTax` say so. Points follow the program's earn rule: " +
    "SPEND earns `earnRate` points per currency unit of the eligible amount, rounded down to a whole point (eligible minor units × earnRate / 100); UNIT earns `earnRate` per item not excluded. The customer's tier multiplier applies on top, as for any award.\n\n" +
    "*Worked example* (SPEND, earnRate 2, shipping earns, tax doesn't): 2 × 15.00 coffee beans + a 20.00 gift card (excluded) + 9.99 mug = subtotal 59.99, discount 6.00, shipping 5.00, tax 4.80. " +
    "Eligible lines 39.99 of 59.99; their discount share 6.00 × 39.99 / 59.99 = 3.9997, rounded up to 4.00; 39.99 − 4.00 + 5.00 shipping = eligible 40.99; 40.99 × 2 = 81.98, rounded down: **81 points**. " +
    "(The lines show 53 and 18 of them; the other 10 are the shipping's.)\n\n" +
    "**When.** The points are awarded when the order is PAID (or FULFILLED, per the program's `orderPointsWhen`), at creation if it arrives so, " +
    "and are pending for the program's `pendingDays` (the return window; spendable at once when 0). Cancelling takes them back. " +
    "Points are decided as the order reaches that status: if its customer is blocked then, the order is recorded and moves like any other but earns nothing, then or later (`pointsAwarded` 0; its money still refunds). An erased customer's orders still move and refund, with no points either way. Sends `order.created`." + CAMPAIGNS_ON_ORDERS,
  scope: "points:write", body: createOrderInput, response: orderSchema, status: 201,
  example: {
    externalId: "SO-1001", customerEmail: "ada@example.com", currency: "USD", subtotal: 5999, discount: 600, shipping: 500, tax: 480, status: "PAID",
    items: [{ productExternalId: "beans-1kg", quantity: 2, unitPrice: 1500 }, { productExternalId: "gift-20", quantity: 1, unitPrice: 2000 }, { productExternalId: "mug", quantity: 1, unitPrice: 999 }],
  },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "IDEMPOTENCY_MISMATCH", "ALREADY_EXISTS"],
});

export const listOrdersOperation = defineOperation({
  method: "GET", path: "/orders", tag: "Orders", summary: "List orders", description: "Newest first, paged; `customerId` and `status` narrow it.",
  scope: "points:read", query: listOrdersInput, response: z.object({ items: z.array(orderSchema), pagination: paginationSchema }), status: 200,
  errors: ["VALIDATION_ERROR"],
});

export const getOrderOperation = defineOperation({
  method: "GET", path: "/orders/{externalId}", tag: "Orders", summary: "Get an order", description: "By your id for it, with its lines and refunds.",
  scope: "points:read", params: orderParams, response: orderSchema, status: 200, errors: ["NOT_FOUND"],
});

export const updateOrderOperation = defineOperation({
  method: "PUT", path: "/orders/{externalId}", tag: "Orders", summary: "Move an order's status",
  description:
    "PENDING → PAID → FULFILLED, and any of them → CANCELLED; anything else is 409, the same status again changes nothing. " +
    "Reaching PAID (or FULFILLED, per the program's `orderPointsWhen`) awards the points, pending for `pendingDays`. " +
    "CANCELLED takes back what was awarded: a pending award is cancelled; released points are taken as far as the customer's balance allows, the rest recorded as `pointsUnrecovered` (never below zero).",
  scope: "points:write", params: orderParams, body: updateOrderBody, response: orderSchema, status: 200,
  example: { status: "PAID" }, errors: ["VALIDATION_ERROR", "NOT_FOUND", "CONFLICT", "CUSTOMER_BLOCKED", "CUSTOMER_NOT_FOUND"],
});

export const refundOrderOperation = defineOperation({
  method: "POST", path: "/orders/{externalId}/refunds", tag: "Orders", summary: "Refund an order",
  description:
    "Money back on a PAID or FULFILLED order, by `amount` (minor units) or by `items` returned, with your `idempotencyKey` (the same key again answers the same refund). " +
    "Points in proportion are taken back: the order's awarded points × eligible amount refunded so far / eligible amount, rounded down, less what earlier refunds took, " +
    "so refunds never take more than the order earned and a full refund takes all of it. An amount's eligible part is in proportion to the order's total; an item's is its line's share. " +
    "A still-pending award is cancelled and reissued for what is left (same pending date); released points are taken with an adjustment, never below zero: " +
    "what the customer already spent is recorded as `pointsUnrecovered` on the refund, the order and the `order.refunded` event. " +
    "More than is left to refund: 400. A pending or cancelled order: 409.",
  scope: "points:write", params: orderParams, body: refundOrderBody,
  response: z.object({ refund: refundSchema, order: orderSchema, replay: z.boolean().meta({ description: "true: this key was already used; the original refund." }) }),
  status: 201,
  example: { amount: 1500, idempotencyKey: "refund-SO-1001-1" },
  errors: ["VALIDATION_ERROR", "NOT_FOUND", "CONFLICT", "IDEMPOTENCY_MISMATCH", "IDEMPOTENCY_IN_PROGRESS"],
});
