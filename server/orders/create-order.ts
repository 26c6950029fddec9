// POST /orders: records an order and, when it arrives already paid (or fulfilled, per the
// program's orderPointsWhen), awards its points, all in one transaction with its order.created
// event. Idempotent by externalId: the same body again answers the order as it is now; a
// different body under the same externalId is refused (422), never a second order.
// The write path is the ledger call (which also finds or enrols the customer) plus the order,
// its lines and its event; reads are the program and the products the lines name.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { isUniqueViolation, pgMessage } from "../db/prisma-errors";
import { AppError } from "../errors";
import { writeLedger } from "../ledger/write-ledger";
import { referralsOnOrder } from "../referrals/referrals-on-order";
import { awardWrite } from "./order-ledger";
import { orderPoints } from "./order-points";
import { bodyHash, findOrder, inOrderTransaction, toPublicOrder, type PublicOrder } from "./order-record";
import { createOrderInput, type CreateOrderInput } from "./order-schemas";

type Data = z.output<typeof createOrderInput>;
export type CreateOrderResult = { order: PublicOrder; created: boolean };

// The status at which an order's points are awarded, and every status after it.
export const earnsAt = (status: string, when: "PAID" | "FULFILLED") => status === "FULFILLED" || (status === "PAID" && when === "PAID");

export async function createOrder(db: DbOrTx, actor: Actor, input: CreateOrderInput): Promise<CreateOrderResult> {
  const data = createOrderInput.parse(input);
  const hash = bodyHash(data);
  try {
    return await inOrderTransaction(db, (tx) => createIn(tx, actor, data, hash));
  } catch (error) {
    // The same order sent twice at once: the second waited for the first and collided with it.
    // The first has committed now, so a second pass answers it as a replay (or a 422).
    if (!collided(error)) throw error;
    return inOrderTransaction(db, (tx) => createIn(tx, actor, data, hash));
  }
}

const collided = (error: unknown) => (error instanceof AppError && error.code === "IDEMPOTENCY_IN_PROGRESS") || isUniqueViolation(error);

type Program = {
  currency: string; earnMode: "SPEND" | "UNIT"; earnRate: number; orderEarnsOnShipping: boolean; orderEarnsOnTax: boolean;
  orderPointsWhen: "PAID" | "FULFILLED"; existingHash: string | null; excluded: string[];
};

async function createIn(tx: DbOrTx, actor: Actor, data: Data, hash: string): Promise<CreateOrderResult> {
  const { businessId } = actor;
  // One statement: the program, whether the order exists, and which of its products earn nothing.
  const named = [...new Set(data.items.map((i) => i.productExternalId))];
  const [program] = await tx.$queryRaw<Program[]>(Prisma.sql`
    SELECT b."currency", b."earn_mode"::text AS "earnMode", b."earn_rate" AS "earnRate", b."order_earns_on_shipping" AS "orderEarnsOnShipping",
           b."order_earns_on_tax" AS "orderEarnsOnTax", b."order_points_when"::text AS "orderPointsWhen",
           (SELECT o."request_hash" FROM "orders" o WHERE o."business_id" = b."id" AND o."external_id" = ${data.externalId}) AS "existingHash",
           ARRAY(SELECT p."external_id" FROM "products" p WHERE p."business_id" = b."id" AND p."external_id" = ANY(${named}::text[]) AND p."excluded") AS "excluded"
      FROM "businesses" b WHERE b."id" = ${businessId}::uuid`);
  if (!program) throw new AppError("NOT_FOUND", "No such business.");
  if (program.existingHash !== null) {
    if (program.existingHash !== hash) {
      throw new AppError("IDEMPOTENCY_MISMATCH", `Order ${data.externalId} was already received with a different body: move its status with PUT /orders/{externalId}, or refund it.`);
    }
    return { order: toPublicOrder(await findOrder(tx, actor, data.externalId)), created: false };
  }
  if (data.currency !== program.currency) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: currency must be the business's currency (${program.currency}).`);
  }
  const excluded = new Set(program.excluded);
  const lines = data.items.map((item) => ({ ...item, excluded: excluded.has(item.productExternalId) }));
  const computed = orderPoints(program, data, lines);
  const storeId = data.storeId ? await resolveStore(tx, businessId, data.storeId) : null;

  const id = randomUUID();
  const customer = data.customerId
    ? { customerId: data.customerId }
    : { enrol: { email: data.customerEmail, phone: data.customerPhone, externalId: data.customerExternalId } };
  const awards = earnsAt(data.status, program.orderPointsWhen) && computed.points > 0;
  const ledger = await writeLedger(
    tx,
    actor,
    awards ? { ...awardWrite({ id, externalId: data.externalId, customerId: null, points: computed.points, storeId }), ...customer } : { op: "enrol", ...customer },
  );
  const items = lines.map((line, position) => ({
    position, productExternalId: line.productExternalId, quantity: line.quantity, unitPrice: line.unitPrice, excluded: line.excluded, quantityRefunded: 0,
    ...computed.lines[position]!,
  }));
  const order = {
    id, externalId: data.externalId, customerId: ledger.customerId, currency: data.currency, subtotal: data.subtotal, discount: data.discount,
    shipping: data.shipping, tax: data.tax, status: data.status, placedAt: data.placedAt ?? null, storeId, referralCode: data.referralCode ?? null,
    eligibleAmount: computed.eligibleAmount, points: computed.points, awardEntryId: awards ? ledger.entry!.id : null,
    pointsAwarded: awards ? ledger.entry!.points : 0, pointsRefunded: 0, pointsUnrecovered: 0, amountRefunded: 0,
  };
  const [row] = await tx.$queryRaw<{ placedAt: Date; createdAt: Date; updatedAt: Date }[]>(insertOrder(businessId, order, items, hash));
  const { placedAt, createdAt, updatedAt } = row!;
  await referralsOnOrder(tx, actor, order);
  return { order: { ...order, placedAt, createdAt, updatedAt, items: items.map(({ position: _p, ...item }) => item), refunds: [] }, created: true };
}

// The order, its lines and its order.created event in one statement (the lines' foreign key is
// checked at the end of it, when the order is there).
function insertOrder(businessId: string, o: Omit<PublicOrder, "placedAt" | "createdAt" | "updatedAt"> & { placedAt: Date | null }, items: unknown[], hash: string) {
  return Prisma.sql`
    WITH o AS (
      INSERT INTO "orders" ("id", "business_id", "external_id", "customer_id", "currency", "subtotal", "discount", "shipping", "tax", "status",
                            "placed_at", "store_id", "referral_code", "request_hash", "eligible_amount", "points", "award_entry_id", "points_awarded")
      VALUES (${o.id}::uuid, ${businessId}::uuid, ${o.externalId}, ${o.customerId}::uuid, ${o.currency}, ${o.subtotal}, ${o.discount}, ${o.shipping}, ${o.tax},
              ${o.status}::"OrderStatus", coalesce(${o.placedAt}::timestamptz, now()), ${o.storeId}::uuid, ${o.referralCode}, ${hash}, ${o.eligibleAmount},
              ${o.points}, ${o.awardEntryId}::uuid, ${o.pointsAwarded})
      RETURNING *
    ), i AS (
      INSERT INTO "order_items" ("business_id", "order_id", "position", "product_external_id", "quantity", "unit_price", "line_total", "excluded", "eligible_amount", "points")
      SELECT ${businessId}::uuid, ${o.id}::uuid, x."position", x."productExternalId", x."quantity", x."unitPrice", x."lineTotal", x."excluded", x."eligibleAmount", x."points"
        FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x("position" int, "productExternalId" text, "quantity" int, "unitPrice" int,
                                                                    "lineTotal" int, "excluded" boolean, "eligibleAmount" int, "points" int)
    )
    SELECT o."placed_at" AS "placedAt", o."created_at" AS "createdAt", o."updated_at" AS "updatedAt", ll_emit_order(o, NULL)::text AS "emitted" FROM o`;
}

// Our store id or the business's code for it, as the ledger takes it (ll_store): unknown or
// closed is a 400.
async function resolveStore(tx: DbOrTx, businessId: string, ref: string): Promise<string> {
  try {
    const [row] = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT ll_store(${businessId}::uuid, ${ref}, false) AS "id"`);
    return row!.id;
  } catch (error) {
    if (pgMessage(error) !== "STORE_NOT_FOUND") throw error;
    throw new AppError("VALIDATION_ERROR", "Invalid request: storeId names no open store of this business (give our store id or your store code).");
  }
}
