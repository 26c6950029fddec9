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
import { pgMessage } from "../db/prisma-errors";
import { AppError } from "../errors";
import { writeLedger } from "../ledger/write-ledger";
import { awardWrite } from "./order-ledger";
import { orderPoints } from "./order-points";
import { bodyHash, inOrderTransaction, toPublicOrder, type PublicOrder } from "./order-record";
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

const collided = (error: unknown) =>
  (error instanceof AppError && error.code === "IDEMPOTENCY_IN_PROGRESS") || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002");

async function createIn(tx: DbOrTx, actor: Actor, data: Data, hash: string): Promise<CreateOrderResult> {
  const { businessId } = actor;
  const existing = await tx.order.findUnique({ where: { businessId_externalId: { businessId, externalId: data.externalId } }, include: { items: true, refunds: true } });
  if (existing) {
    if (existing.requestHash !== hash) {
      throw new AppError("IDEMPOTENCY_MISMATCH", `Order ${data.externalId} was already received with a different body: move its status with PUT /orders/{externalId}, or refund it.`);
    }
    return { order: toPublicOrder(existing), created: false };
  }
  const program = await tx.business.findUniqueOrThrow({
    where: { id: businessId },
    select: { currency: true, earnMode: true, earnRate: true, orderEarnsOnShipping: true, orderEarnsOnTax: true, orderPointsWhen: true },
  });
  if (data.currency !== program.currency) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: currency must be the business's currency (${program.currency}).`);
  }
  const named = [...new Set(data.items.map((i) => i.productExternalId))];
  const excluded = new Set((await tx.product.findMany({ where: { businessId, externalId: { in: named }, excluded: true }, select: { externalId: true } })).map((p) => p.externalId));
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
  const order = await tx.order.create({
    data: {
      id, businessId, externalId: data.externalId, customerId: ledger.customerId, currency: data.currency,
      subtotal: data.subtotal, discount: data.discount, shipping: data.shipping, tax: data.tax, status: data.status,
      placedAt: data.placedAt ?? new Date(), storeId, referralCode: data.referralCode ?? null, requestHash: hash,
      eligibleAmount: computed.eligibleAmount, points: computed.points,
      awardEntryId: awards ? ledger.entry!.id : null, pointsAwarded: awards ? ledger.entry!.points : 0,
      items: {
        createMany: {
          data: lines.map((line, position) => ({
            position, productExternalId: line.productExternalId, quantity: line.quantity, unitPrice: line.unitPrice,
            excluded: line.excluded, ...computed.lines[position]!,
          })),
        },
      },
    },
    include: { items: true },
  });
  await tx.$executeRaw`SELECT ll_emit_order(${businessId}::uuid, ${id}::uuid, NULL)`;
  return { order: toPublicOrder({ ...order, refunds: [] }), created: true };
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
