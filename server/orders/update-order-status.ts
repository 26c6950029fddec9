// PUT /orders/{externalId}: moves an order's status forward (pending, paid, fulfilled) or
// cancels it. Reaching the program's points status (orderPointsWhen) writes the award; a
// cancellation takes back what the order was awarded (a pending award is cancelled; released
// points are taken as far as the balance allows, the rest recorded as unrecovered). The same
// status again changes nothing. One transaction, under the order's row lock.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import type { OrderStatus } from "../db/generated/client";
import { awardOrderBonuses } from "../campaigns/order-bonuses";
import { takeBackOrderBonuses } from "../campaigns/take-back-bonuses";
import { isUniqueViolation } from "../db/prisma-errors";
import { AppError } from "../errors";
import { completeReferral } from "../referrals/complete-referral";
import { voidOrderReferral } from "../referrals/void-referral";
import { awardOrderPoints, takeBackPoints } from "./order-ledger";
import { inOrderTransaction, lockOrder, toPublicOrder, type PublicOrder } from "./order-record";
import { earnsAt, updateOrderBody } from "./order-schemas";

const MOVES: Record<OrderStatus, OrderStatus[]> = {
  PENDING: ["PAID", "FULFILLED", "CANCELLED"],
  PAID: ["FULFILLED", "CANCELLED"],
  FULFILLED: ["CANCELLED"],
  CANCELLED: [],
};

export async function updateOrderStatus(db: DbOrTx, actor: Actor, input: { externalId: string; status: string }): Promise<{ order: PublicOrder; changed: boolean }> {
  const { status } = updateOrderBody.parse({ status: input.status });
  try {
    return await move(db, actor, input.externalId, status);
  } catch (error) {
    // Two of the customer's orders completing referrals at once: the second met the first's
    // referral row (a unique violation) and is answered afresh, now that the first committed.
    if (!isUniqueViolation(error)) throw error;
    return move(db, actor, input.externalId, status);
  }
}

async function move(db: DbOrTx, actor: Actor, externalId: string, status: OrderStatus): Promise<{ order: PublicOrder; changed: boolean }> {
  const input = { externalId };
  return inOrderTransaction(db, async (tx) => {
    const order = await lockOrder(tx, actor, input.externalId);
    if (order.status === status) return { order: toPublicOrder(order), changed: false };
    if (!MOVES[order.status].includes(status)) {
      const why = order.status === "CANCELLED" ? "a cancelled order stays cancelled" : "orders move forward (pending, paid, fulfilled) and any can be cancelled";
      throw new AppError("CONFLICT", `Order ${order.externalId} is ${order.status} and can't become ${status}: ${why}.`);
    }
    let changes = {};
    if (status === "CANCELLED") {
      const back = await takeBackPoints(tx, actor, order, order.pointsAwarded, `Order ${order.externalId} cancelled`);
      await takeBackOrderBonuses(tx, actor, order, { full: true }, `Order ${order.externalId} cancelled`);
      await voidOrderReferral(tx, actor, order, `Order ${order.externalId} cancelled: referral voided`);
      changes = {
        pointsRefunded: order.pointsRefunded + back.taken,
        pointsUnrecovered: order.pointsUnrecovered + back.unrecovered,
        awardEntryId: back.awardEntryId ?? order.awardEntryId,
      };
    } else if (!order.awardEntryId) {
      // Points are decided once, as the order reaches its points status: an order that got
      // none then (its customer blocked) doesn't earn them on a later move.
      const { orderPointsWhen } = await tx.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: { orderPointsWhen: true } });
      const reaches = earnsAt(status, orderPointsWhen) && !earnsAt(order.status, orderPointsWhen);
      const award = reaches ? await awardOrderPoints(tx, actor, order) : null;
      if (award) {
        changes = { awardEntryId: award.entryId, pointsAwarded: award.points };
        await awardOrderBonuses(tx, actor, order);
      }
    }
    const row = await tx.order.update({
      where: { businessId_id: { businessId: actor.businessId, id: order.id } },
      data: { status, ...changes },
      include: { items: true, refunds: true },
    });
    if (status !== "CANCELLED") await completeReferral(tx, actor, row);
    return { order: toPublicOrder(row), changed: true };
  });
}
