// POST /orders/{externalId}/refunds: money back on a paid order, by amount or by items, and the
// points in proportion taken back. Cumulative: the eligible amount refunded so far decides how
// many of the order's awarded points have been taken back in all (rounded down, all of them
// once the whole order is refunded), and each refund takes the difference, so partial refunds
// never add up to more than the order earned. Never below zero (see order-ledger.ts): what a
// spent balance can't give back is recorded as unrecovered on the refund, the order and the
// order.refunded event. Idempotent by idempotencyKey. One transaction, under the order's lock.
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma, type OrderItem } from "../db/generated/client";
import { isUniqueViolation } from "../db/prisma-errors";
import { takeBackOrderBonuses } from "../campaigns/take-back-bonuses";
import { voidOrderReferral } from "../referrals/void-referral";
import { AppError } from "../errors";
import { takeBackPoints } from "./order-ledger";
import { pointsToTakeBack } from "./order-points";
import { bodyHash, inOrderTransaction, lockOrder, orderTotal, toPublicOrder, toPublicRefund, type FullOrder, type PublicOrder, type PublicRefund } from "./order-record";
import { earnsAt, refundOrderBody, type RefundOrderInput } from "./order-schemas";

export type RefundResult = { refund: PublicRefund; order: PublicOrder; replay: boolean };
type Body = z.output<typeof refundOrderBody>;

export async function refundOrder(db: DbOrTx, actor: Actor, input: RefundOrderInput & { externalId: string }): Promise<RefundResult> {
  const { externalId, ...body } = input;
  const data = refundOrderBody.parse(body);
  const hash = bodyHash({ externalId: externalId.trim(), ...data });
  try {
    return await inOrderTransaction(db, (tx) => refundIn(tx, actor, externalId, data, hash));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError("IDEMPOTENCY_IN_PROGRESS", "Another refund with this idempotency key was being processed; retry to get its result.");
  }
}

async function refundIn(tx: DbOrTx, actor: Actor, externalId: string, data: Body, hash: string): Promise<RefundResult> {
  const { businessId } = actor;
  const order = await lockOrder(tx, actor, externalId);
  const earlier = await tx.orderRefund.findUnique({ where: { businessId_idempotencyKey: { businessId, idempotencyKey: data.idempotencyKey } } });
  if (earlier) {
    if (earlier.requestHash !== hash) throw new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was already used with a different refund.");
    return { refund: toPublicRefund(earlier), order: toPublicOrder(order), replay: true };
  }
  if (order.status === "PENDING" || order.status === "CANCELLED") {
    throw new AppError("CONFLICT", `Order ${order.externalId} is ${order.status}: only a paid or fulfilled order can be refunded${order.status === "PENDING" ? " (cancel it instead)" : ""}.`);
  }
  // Paid, and the program awards on fulfilment: the points are still to come. (Past its points
  // status with no award, its customer was blocked or erased: the money is refunded, no points.)
  const { orderPointsWhen } = await tx.business.findUniqueOrThrow({ where: { id: businessId }, select: { orderPointsWhen: true } });
  if (order.points > 0 && !order.awardEntryId && !earnsAt(order.status, orderPointsWhen)) {
    throw new AppError("CONFLICT", `Order ${order.externalId}'s points aren't awarded yet (the program awards them when an order is fulfilled): refund it once it is fulfilled, or cancel it.`);
  }
  const total = orderTotal(order);
  const part = data.amount !== undefined ? byAmount(order, data.amount) : byItems(order, data.items!);
  const amount = Math.min(part.amount, total - order.amountRefunded);
  if (data.amount !== undefined && data.amount > total - order.amountRefunded) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: the refund (${data.amount}) is more than is left to refund on this order (${total - order.amountRefunded}).`);
  }
  const amountRefunded = order.amountRefunded + amount;
  // Everything refunded: all the money, or (an order that cost nothing, whose points came from
  // units) every item returned.
  const allReturned = order.items.every((line) => (part.lines.get(line.id) ?? line.quantityRefunded) >= line.quantity);
  const full = total > 0 ? amountRefunded === total : data.items !== undefined && allReturned;
  const eligibleRefunded = full ? order.eligibleAmount : Math.min(order.eligibleAmount, order.eligibleRefunded + part.eligible);
  const target = pointsToTakeBack({ points: order.pointsAwarded, eligibleAmount: order.eligibleAmount }, eligibleRefunded, full);
  const back = await takeBackPoints(tx, actor, order, target, `Refund of order ${order.externalId}`);
  const quantitiesRefunded = new Map(order.items.map((line) => [line.position, part.lines.get(line.id) ?? line.quantityRefunded]));
  const amountEligibleRefunded = order.refunds.filter((r) => r.items === null).reduce((sum, r) => sum + r.eligibleAmount, 0) + (data.items ? 0 : eligibleRefunded - order.eligibleRefunded);
  await takeBackOrderBonuses(tx, actor, order, full ? { full } : { full, quantitiesRefunded, amountEligibleRefunded }, `Refund of order ${order.externalId}`);
  if (full) await voidOrderReferral(tx, actor, order, `Refund of order ${order.externalId}: referral voided`);

  const refund = await tx.orderRefund.create({
    data: {
      businessId, orderId: order.id, idempotencyKey: data.idempotencyKey, requestHash: hash, amount, eligibleAmount: eligibleRefunded - order.eligibleRefunded,
      items: data.items ?? Prisma.DbNull, pointsTaken: back.taken, pointsUnrecovered: back.unrecovered, entryId: back.entry?.id ?? null,
    },
  });
  for (const [id, quantityRefunded] of part.lines) {
    await tx.orderItem.update({ where: { businessId_id: { businessId, id } }, data: { quantityRefunded } });
  }
  const row = await tx.order.update({
    where: { businessId_id: { businessId, id: order.id } },
    data: {
      amountRefunded, eligibleRefunded, pointsRefunded: order.pointsRefunded + back.taken, pointsUnrecovered: order.pointsUnrecovered + back.unrecovered,
      awardEntryId: back.awardEntryId ?? order.awardEntryId,
    },
    include: { items: true, refunds: true },
  });
  await tx.$executeRaw`SELECT ll_emit_order(o, r) FROM "orders" o JOIN "order_refunds" r ON r."business_id" = o."business_id" AND r."order_id" = o."id"
    WHERE o."business_id" = ${businessId}::uuid AND o."id" = ${order.id}::uuid AND r."id" = ${refund.id}::uuid`;
  return { refund: toPublicRefund(refund), order: toPublicOrder(row), replay: false };
}

type Part = { amount: number; eligible: number; lines: Map<string, number> };

// An amount's eligible part: the eligible amount not yet refunded in proportion to the money not
// yet refunded, so an amount after returned items shares out what is left (excluded goods
// already returned don't dilute it). Rounded down; the refund that completes the order takes
// whatever is left.
function byAmount(order: FullOrder, amount: number): Part {
  const moneyLeft = BigInt(orderTotal(order) - order.amountRefunded);
  const eligibleLeft = BigInt(order.eligibleAmount - order.eligibleRefunded);
  return { amount, eligible: moneyLeft === 0n ? 0 : Number((eligibleLeft * BigInt(amount)) / moneyLeft), lines: new Map() };
}

// Returned items: each line's discounted price and eligible amount for the quantity, by running
// totals per line; a product on several lines is taken from the first with any left.
function byItems(order: FullOrder, items: { productExternalId: string; quantity: number }[]): Part {
  const lines = [...order.items].sort((a, b) => a.position - b.position);
  const refunded = new Map(lines.map((l) => [l.id, l.quantityRefunded]));
  const nets = netPrices(order, lines);
  let amount = 0;
  let eligible = 0;
  for (const { productExternalId, quantity } of items) {
    let wanted = quantity;
    for (const line of lines.filter((l) => l.productExternalId === productExternalId)) {
      const before = refunded.get(line.id)!;
      const take = Math.min(wanted, line.quantity - before);
      if (take <= 0) continue;
      amount += upTo(nets.get(line.id)!, line, before + take) - upTo(nets.get(line.id)!, line, before);
      eligible += upTo(line.eligibleAmount, line, before + take) - upTo(line.eligibleAmount, line, before);
      refunded.set(line.id, before + take);
      wanted -= take;
    }
    if (wanted > 0) {
      const left = quantity - wanted;
      const what = left === 0 ? "none" : `only ${left}`;
      throw new AppError("VALIDATION_ERROR", `Invalid request: ${what} of product ${productExternalId} ${left === 1 ? "is" : "are"} left to refund on this order.`);
    }
  }
  const touched = new Map([...refunded].filter(([id, q]) => lines.find((l) => l.id === id)!.quantityRefunded !== q));
  return { amount, eligible, lines: touched };
}

// Each line's price after its share of the order's discount, shared out by running totals in
// line order, so the lines' net prices add up to exactly what was charged for the goods
// (rounding each share on its own could refund a cent or two more or less than that).
function netPrices(order: FullOrder, lines: OrderItem[]): Map<string, number> {
  const nets = new Map<string, number>();
  let running = 0n;
  let given = 0n;
  for (const line of lines) {
    running += BigInt(line.lineTotal);
    const soFar = order.subtotal === 0 ? 0n : (BigInt(order.discount) * running) / BigInt(order.subtotal);
    nets.set(line.id, line.lineTotal - Number(soFar - given));
    given = soFar;
  }
  return nets;
}
const upTo = (value: number, line: OrderItem, quantity: number) => Math.floor((value * quantity) / line.quantity);
