// POST /orders: records an order and, when it arrives already paid (or fulfilled, per the
// program's orderPointsWhen), awards its points, atomically with its order.created event.
// Idempotent by externalId: the same body again answers the order as it is now; a different
// body under the same externalId is refused (422), never a second order.
// Two statements and no interactive transaction (an order is as hot as an award): one read
// (the program, whether the order exists, which of its products earn nothing), the points
// worked out here (order-points.ts), then order_create() writes everything in one statement
// (server/orders/sql/order-create.sql). What the read saw may change before the write, as it
// may between any read and write: the order then earns by the settings of a moment ago.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { namedStatement } from "../db/named-statement";
import { isUniqueViolation, pgCode, pgMessage } from "../db/prisma-errors";
import { AppError } from "../errors";
import { ledgerRequest, translateLedgerError } from "../ledger/write-ledger";
import { awardWrite } from "./order-ledger";
import { orderPoints } from "./order-points";
import { runOrderHooks, HOOKS_NEEDED } from "./order-hooks";
import { bodyHash, findOrder, inOrderTransaction, toPublicOrder, type PublicOrder } from "./order-record";
import { createOrderInput, earnsAt, type CreateOrderInput } from "./order-schemas";

type Data = z.output<typeof createOrderInput>;
export type CreateOrderResult = { order: PublicOrder; created: boolean };


export async function createOrder(db: DbOrTx, actor: Actor, input: CreateOrderInput): Promise<CreateOrderResult> {
  const data = createOrderInput.parse(input);
  const hash = bodyHash(data);
  try {
    return await create(db, actor, data, hash);
  } catch (error) {
    // The same order sent twice at once: the second waited for the first and collided with it.
    // The first has committed now, so a second pass answers it as a replay (or a 422).
    if (!collided(error)) throw translateLedgerError(error);
    return create(db, actor, data, hash).catch((again: unknown) => Promise.reject(translateLedgerError(again)));
  }
}

// The other came first with a different body: its award under the order's ledger key refuses
// ours (LL422), or its order row does (a unique violation); the second pass answers with the
// order's own 422.
const collided = (error: unknown) => pgCode(error) === "LL422" || isUniqueViolation(error);

type Program = {
  currency: string; earnMode: "SPEND" | "UNIT"; earnRate: number; orderEarnsOnShipping: boolean; orderEarnsOnTax: boolean;
  orderPointsWhen: "PAID" | "FULFILLED"; existingHash: string | null; excluded: string[]; hooks: boolean;
};

// The program, the order if it exists already, which of the named products earn nothing, and
// whether the order may set off more than its own award (order-hooks.ts).
const READ = `
  SELECT b."currency", b."earn_mode"::text AS "earnMode", b."earn_rate" AS "earnRate", b."order_earns_on_shipping" AS "orderEarnsOnShipping",
         b."order_earns_on_tax" AS "orderEarnsOnTax", b."order_points_when"::text AS "orderPointsWhen",
         (SELECT o."request_hash" FROM "orders" o WHERE o."business_id" = b."id" AND o."external_id" = $2) AS "existingHash",
         ARRAY(SELECT p."external_id" FROM "products" p WHERE p."business_id" = b."id" AND p."external_id" = ANY($3::text[]) AND p."excluded") AS "excluded",
         ${HOOKS_NEEDED} AS "hooks"
    FROM "businesses" b WHERE b."id" = $1::uuid`;

type Written = { customerId: string; storeId: string | null; awardEntryId: string | null; pointsAwarded: number; placedAt: string; createdAt: string; updatedAt: string };

async function create(db: DbOrTx, actor: Actor, data: Data, hash: string): Promise<CreateOrderResult> {
  const { businessId } = actor;
  const named = [...new Set(data.items.map((i) => i.productExternalId))];
  const [program] = await namedStatement<Program>(db, "order_read", READ, [
    businessId, data.externalId, named, data.placedAt ?? null, data.referralCode ?? null,
    data.customerId ?? null, data.customerEmail ?? null, data.customerPhone ?? null, data.customerExternalId ?? null,
  ]);
  if (!program) throw new AppError("NOT_FOUND", "No such business.");
  if (program.existingHash !== null) {
    if (program.existingHash !== hash) {
      throw new AppError("IDEMPOTENCY_MISMATCH", `Order ${data.externalId} was already received with a different body: move its status with PUT /orders/{externalId}, or refund it.`);
    }
    return { order: toPublicOrder(await findOrder(db, actor, data.externalId)), created: false };
  }
  if (data.currency !== program.currency) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: currency must be the business's currency (${program.currency}).`);
  }
  const excluded = new Set(program.excluded);
  const lines = data.items.map((item) => ({ ...item, excluded: excluded.has(item.productExternalId) }));
  const computed = orderPoints(program, data, lines);

  const id = randomUUID();
  const customer = data.customerId
    ? { customerId: data.customerId }
    : { enrol: { email: data.customerEmail, phone: data.customerPhone, externalId: data.customerExternalId } };
  const awards = earnsAt(data.status, program.orderPointsWhen) && computed.points > 0;
  // The store goes to the ledger as order_create resolves it (storeId is set there).
  const ledger = ledgerRequest(
    actor,
    awards ? { ...awardWrite({ id, externalId: data.externalId, customerId: null, points: computed.points, storeId: null }), ...customer } : { op: "enrol", ...customer },
  );
  const items = lines.map((line, position) => ({
    position, productExternalId: line.productExternalId, quantity: line.quantity, unitPrice: line.unitPrice, excluded: line.excluded, quantityRefunded: 0,
    ...computed.lines[position]!,
  }));
  const order = {
    id, externalId: data.externalId, currency: data.currency, subtotal: data.subtotal, discount: data.discount, shipping: data.shipping, tax: data.tax,
    status: data.status, placedAt: data.placedAt ?? null, referralCode: data.referralCode ?? null, eligibleAmount: computed.eligibleAmount,
    points: computed.points, awards,
  };
  const write = async (on: DbOrTx, hooks: boolean) => {
    const payload = JSON.stringify({ businessId, hooks, storeRef: data.storeId ?? null, ledger, order, items, requestHash: hash });
    return (await namedStatement<{ written: Written }>(on, "order_create", "SELECT order_create($1::jsonb) AS written", [payload]))[0]!.written;
  };
  const withHooks = () =>
    inOrderTransaction(db, async (tx) => {
      const w = await write(tx, true);
      await runOrderHooks(tx, actor, { ...order, customerId: w.customerId, storeId: w.storeId, placedAt: new Date(w.placedAt), awarded: w.awardEntryId !== null, lines: items });
      return w;
    });
  // A campaign or referral that appeared since the read: order_create refused, nothing written.
  const written = program.hooks ? await withHooks() : await write(db, false).catch((error: unknown) => (pgMessage(error) === "ORDER_HOOKS" ? withHooks() : Promise.reject(error)));
  const { awards: _awards, ...fields } = order;
  return {
    order: {
      ...fields, customerId: written.customerId, storeId: written.storeId, awardEntryId: written.awardEntryId, pointsAwarded: written.pointsAwarded,
      pointsRefunded: 0, pointsUnrecovered: 0, amountRefunded: 0,
      placedAt: new Date(written.placedAt), createdAt: new Date(written.createdAt), updatedAt: new Date(written.updatedAt),
      items: items.map(({ position: _p, ...item }) => item), refunds: [],
    },
    created: true,
  };
}
