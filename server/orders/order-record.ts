// An order as the API shows it, the lookups every order write starts with, and the request
// hash that tells a replay from a changed body.
import { createHash } from "node:crypto";
import type { Actor } from "../actors/actor";
import { dbLimits, type Db, type DbOrTx } from "../db/client";
import { Prisma, type Order, type OrderItem, type OrderRefund } from "../db/generated/client";
import { AppError } from "../errors";

export type PublicOrderItem = Pick<OrderItem, "productExternalId" | "quantity" | "unitPrice" | "lineTotal" | "excluded" | "eligibleAmount" | "points" | "quantityRefunded">;
export type PublicRefund = Pick<OrderRefund, "id" | "idempotencyKey" | "amount" | "eligibleAmount" | "pointsTaken" | "pointsUnrecovered" | "entryId" | "createdAt">;
export type PublicOrder = Pick<
  Order,
  | "id" | "externalId" | "customerId" | "status" | "currency" | "subtotal" | "discount" | "shipping" | "tax" | "eligibleAmount" | "points"
  | "pointsAwarded" | "pointsRefunded" | "pointsUnrecovered" | "amountRefunded" | "awardEntryId" | "storeId" | "referralCode"
  | "placedAt" | "createdAt" | "updatedAt"
> & { items?: PublicOrderItem[]; refunds?: PublicRefund[] };

export type FullOrder = Order & { items: OrderItem[]; refunds: OrderRefund[] };

export const toPublicItem = ({ productExternalId, quantity, unitPrice, lineTotal, excluded, eligibleAmount, points, quantityRefunded }: OrderItem): PublicOrderItem => ({
  productExternalId, quantity, unitPrice, lineTotal, excluded, eligibleAmount, points, quantityRefunded,
});

export const toPublicRefund = ({ id, idempotencyKey, amount, eligibleAmount, pointsTaken, pointsUnrecovered, entryId, createdAt }: OrderRefund): PublicRefund => ({
  id, idempotencyKey, amount, eligibleAmount, pointsTaken, pointsUnrecovered, entryId, createdAt,
});

export function toPublicOrder(order: Order & { items?: OrderItem[]; refunds?: OrderRefund[] }): PublicOrder {
  const { businessId: _b, requestHash: _h, eligibleRefunded: _e, items, refunds, ...rest } = order;
  return {
    ...rest,
    ...(items && { items: [...items].sort((a, b) => a.position - b.position).map(toPublicItem) }),
    ...(refunds && { refunds: [...refunds].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(toPublicRefund) }),
  };
}

// The order's total as charged: what refunds add up to at most.
export const orderTotal = (o: Pick<Order, "subtotal" | "discount" | "shipping" | "tax">) => o.subtotal - o.discount + o.shipping + o.tax;

export async function findOrder(db: DbOrTx, actor: Actor, externalId: string): Promise<FullOrder> {
  const row = await db.order.findUnique({
    where: { businessId_externalId: { businessId: actor.businessId, externalId: externalId.trim() } },
    include: { items: true, refunds: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "No such order in this business.");
  return row;
}

// Takes the order's row lock for the rest of the transaction (status moves and refunds of one
// order queue here; the ledger's customer lock comes after it, always in that order), then
// reads the order as it is now.
export async function lockOrder(tx: DbOrTx, actor: Actor, externalId: string): Promise<FullOrder> {
  const locked = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id" FROM "orders" WHERE "business_id" = ${actor.businessId}::uuid AND "external_id" = ${externalId.trim()} FOR UPDATE`);
  if (locked.length === 0) throw new AppError("NOT_FOUND", "No such order in this business.");
  return findOrder(tx, actor, externalId);
}

// Same body = same hash: keys sorted at every level, dates as ISO strings, so field order and
// formatting of the JSON sent don't matter.
export function bodyHash(body: unknown): string {
  return createHash("sha256").update(canonical(body)).digest("hex");
}

function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

// One interactive transaction (or the caller's), with the waits bounded by the statement
// limits rather than Prisma's 2 s / 5 s defaults, which a busy machine can exceed.
export async function inOrderTransaction<T>(db: DbOrTx, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const root = db as Partial<Db>;
  if (typeof root.$transaction !== "function") return work(db);
  const limits = dbLimits();
  return root.$transaction((tx) => work(tx), { maxWait: limits.connectTimeoutMs, timeout: limits.statementTimeoutMs });
}
