// Orders as the business's shop sends them; the REST operations validate with these schemas and
// the OpenAPI document is generated from them. Money is in minor units of the business's
// currency (1999 = 19.99).
import { z } from "zod";
import { customerRefShape, idempotencyKeySchema, storeRefSchema } from "../ledger/ledger-schemas";
import { pagedBy, pagingShape } from "../paging";
import { externalIdSchema as productExternalId } from "../products/product-schemas";
import { storableDate, storableText } from "../storable";

export const MAX_ORDER_ITEMS = 500;
// 2,000,000,000 minor units: far above any one order, and every sum of them fits an int4 check.
const MAX_MONEY = 500_000_000;
export const orderStatuses = ["PENDING", "PAID", "FULFILLED", "CANCELLED"] as const;

// The status at which an order's points are awarded (the program's orderPointsWhen), and every
// status after it. (Here, not in create-order.ts: the referral and refund code read it too.)
export const earnsAt = (status: string, when: "PAID" | "FULFILLED") => status === "FULFILLED" || (status === "PAID" && when === "PAID");

const money = (what: string) =>
  z
    .int("must be a whole number of minor units (cents)")
    .min(0, "must not be negative")
    .max(MAX_MONEY, `must be at most ${MAX_MONEY.toLocaleString("en")}`)
    .meta({ description: `${what}, in minor units of the business's currency.` });

const quantity = z.int("must be a whole number").min(1, "must be at least 1").max(100_000, "must be at most 100,000");

export const orderExternalIdSchema = storableText(100)
  .pipe(z.string().min(1, "must not be empty"))
  .meta({ description: "Your own id for the order (the shop's order number), unique in the business." });

const status = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(orderStatuses, `must be one of ${orderStatuses.join(", ")}`));

export const orderItemSchema = z.strictObject({
  productExternalId: productExternalId.meta({ description: "Your id for the product (see /products). Unknown products earn like any other." }),
  quantity,
  unitPrice: money("The price of one"),
});

export const createOrderInput = z
  .strictObject({
    externalId: orderExternalIdSchema,
    customerId: customerRefShape.customerId,
    customerEmail: customerRefShape.customerEmail,
    customerPhone: customerRefShape.customerPhone,
    // externalId is the order's own: the customer's goes by customerExternalId.
    customerExternalId: customerRefShape.externalId.meta({ description: "Your own id for the customer (as on /customers)." }),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "use a 3-letter ISO currency code such as USD").meta({ description: "Must be the business's currency." }),
    subtotal: money("The sum of the items' quantity × unitPrice"),
    discount: money("Order discount (at most the subtotal)").default(0),
    shipping: money("Shipping charged").default(0),
    tax: money("Tax charged").default(0),
    items: z.array(orderItemSchema).min(1, "an order needs at least one item").max(MAX_ORDER_ITEMS, `at most ${MAX_ORDER_ITEMS} items per order`),
    status: status.default("PENDING").meta({ description: "PENDING (default), PAID, FULFILLED or CANCELLED." }),
    placedAt: storableDate.optional().meta({ description: "When the order was placed; default now." }),
    storeId: storeRefSchema.optional(),
    referralCode: storableText(64).pipe(z.string().min(1)).optional().meta({ description: "A referral code the customer used; kept on the order." }),
  })
  .refine((v) => Boolean(v.customerId ?? v.customerEmail ?? v.customerPhone ?? v.customerExternalId), {
    message: "Name the customer with customerId, customerEmail, customerPhone or customerExternalId",
    path: ["customerId"],
  });

export const orderParams = z.object({ externalId: z.string().max(200).meta({ description: "Your id for the order." }) });

export const updateOrderBody = z.strictObject({ status: status.meta({ description: "The new status: PAID, FULFILLED or CANCELLED." }) });

export const refundOrderBody = z
  .strictObject({
    amount: money("The money refunded").pipe(z.int().min(1, "must be at least 1")).optional(),
    items: z
      .array(z.strictObject({ productExternalId: productExternalId, quantity }))
      .min(1, "name at least one item")
      .max(MAX_ORDER_ITEMS)
      .optional()
      .meta({ description: "The items returned (instead of amount): their discounted line price is the amount refunded." }),
    idempotencyKey: idempotencyKeySchema.meta({ description: "Your id for this refund: the same key again answers the same refund." }),
  })
  .refine((v) => (v.amount === undefined) !== (v.items === undefined), { message: "send either amount or items", path: ["amount"] });

export const listOrdersInput = z
  .object({
    customerId: z.uuid("must be a customer id (UUID)").optional(),
    status: status.optional(),
    ...pagingShape,
  })
  .transform(pagedBy);

// The portal's list: the API's filters plus a search (the order's own id, the customer's name or
// email) and a range of UTC days the orders were placed in. Not on the API: searching customers
// by email is for people who may see them.
const day = z.iso.date("must be a date as YYYY-MM-DD");
export const orderRangeShape = { from: day.optional(), to: day.optional() };
export const searchOrdersInput = z
  .object({
    customerId: z.uuid("must be a customer id (UUID)").optional(),
    status: status.optional(),
    search: z.string().trim().max(200).optional(),
    ...orderRangeShape,
    ...pagingShape,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "must not be before from", path: ["to"] })
  .transform(pagedBy);

export type CreateOrderInput = z.input<typeof createOrderInput>;
export type RefundOrderInput = z.input<typeof refundOrderBody>;
export type ListOrdersInput = z.input<typeof listOrdersInput>;
export type SearchOrdersInput = z.input<typeof searchOrdersInput>;
