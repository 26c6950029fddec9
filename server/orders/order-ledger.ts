// The order's points in the ledger: the award written when the order reaches the program's
// points status, and taking points back for refunds and cancellation. Only through writeLedger.
//
// Taking back, never below zero:
// - The award still pending (inside the return window): it is reversed (cancelled from
//   pending, the balance untouched) and, for a partial take, reissued for what is left, pending
//   until the same moment and without the tier multiplier again (it was applied once already).
// - The award released: a negative adjustment of what the customer's balance allows; any
//   shortfall (they spent the points) is recorded as unrecovered, on the order and the refund.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import type { Order } from "../db/generated/client";
import { Prisma } from "../db/generated/client";
import { liveBalances } from "../ledger/live-balance";
import { writeLedger } from "../ledger/write-ledger";

// customerId null: the caller names the customer its own way (enrol, at creation).
export type AwardRequest = Pick<Order, "id" | "externalId" | "points" | "storeId"> & { customerId: string | null };

// Whether the order's customer can take points now: a blocked customer's orders still move
// (the shop's records must), earning nothing until an award after unblocking; an erased
// customer's points went with the erasure, so their orders move with no points either way.
async function customerStanding(tx: DbOrTx, businessId: string, customerId: string): Promise<"ACTIVE" | "BLOCKED" | "ERASED"> {
  const [row] = await tx.$queryRaw<{ standing: "ACTIVE" | "BLOCKED" | "ERASED" }[]>(Prisma.sql`
    SELECT CASE WHEN "erased_at" IS NOT NULL THEN 'ERASED' ELSE "status"::text END AS "standing"
      FROM "customers" WHERE "business_id" = ${businessId}::uuid AND "id" = ${customerId}::uuid`);
  return row?.standing ?? "ERASED";
}

// The award of an order's points (null when it earns none, or its customer can't earn now).
// availableAt is left to the ledger: the program's pendingDays from now, spendable at once
// when that is 0.
export async function awardOrderPoints(tx: DbOrTx, actor: Actor, order: AwardRequest & { customerId: string }): Promise<{ entryId: string; points: number } | null> {
  if (order.points <= 0 || (await customerStanding(tx, actor.businessId, order.customerId)) !== "ACTIVE") return null;
  const result = await writeLedger(tx, actor, awardWrite(order));
  return { entryId: result.entry!.id, points: result.entry!.points };
}

export const awardWrite = (order: AwardRequest) => ({
  op: "award" as const,
  customerId: order.customerId ?? undefined,
  points: order.points,
  description: `Order ${order.externalId}`,
  reference: order.externalId.slice(0, 128),
  idempotencyKey: `order:${order.externalId}`,
  // "The same award" is the same order's: a second attempt at the same new order (sent twice
  // at once) has its own order id in the metadata, and must replay the first's award, not be
  // refused; the order's own request hash then tells a replay from a changed body.
  hashInput: ["order", order.externalId, order.points],
  metadata: { orderId: order.id },
  storeId: order.storeId,
});

export type TakeBack = { taken: number; unrecovered: number; entryId: string | null; awardEntryId: string | null };

// Brings the points taken back from the order (taken + unrecovered) to `target`.
export async function takeBackPoints(tx: DbOrTx, actor: Actor, order: Order, target: number, reason: string): Promise<TakeBack> {
  const take = target - order.pointsRefunded - order.pointsUnrecovered;
  const unchanged = { taken: 0, unrecovered: 0, entryId: null, awardEntryId: order.awardEntryId };
  const { businessId } = actor;
  if (take <= 0 || !order.awardEntryId || (await customerStanding(tx, businessId, order.customerId)) === "ERASED") return unchanged;
  const [lot] = await tx.$queryRaw<{ pending: boolean; availableAt: Date | null }[]>(Prisma.sql`
    SELECT ("pending" AND "available_at" > now()) AS "pending", "available_at" AS "availableAt"
      FROM "point_lots" WHERE "business_id" = ${businessId}::uuid AND "entry_id" = ${order.awardEntryId}::uuid`);
  const metadata = { orderId: order.id };
  if (lot?.pending) {
    // byOwner: the order's own flow (any other reversal of its award is refused by the ledger),
    // and the reissue goes through for a customer blocked or a store closed since.
    const reversal = await writeLedger(tx, actor, { op: "reverse", entryId: order.awardEntryId, description: reason, reference: order.externalId.slice(0, 128), metadata, byOwner: true });
    const left = order.pointsAwarded - target;
    let awardEntryId: string | null = null;
    if (left > 0) {
      const reissued = await writeLedger(tx, actor, {
        ...awardWrite({ ...order, points: left }), idempotencyKey: null, skipMultiplier: true, availableAt: lot.availableAt, byOwner: true,
        description: `Order ${order.externalId} (after refund)`,
      });
      awardEntryId = reissued.entry!.id;
    }
    return { taken: take, unrecovered: 0, entryId: reversal.entry!.id, awardEntryId };
  }
  // Held to the end of the transaction (the ledger takes it again): the balance read here is
  // still the balance when the adjustment lands.
  await tx.$executeRaw(Prisma.sql`SELECT 1 FROM "customers" WHERE "business_id" = ${businessId}::uuid AND "id" = ${order.customerId}::uuid FOR UPDATE`);
  const balance = (await liveBalances(tx, businessId, [order.customerId])).get(order.customerId) ?? 0;
  const got = Math.max(0, Math.min(take, balance));
  let entryId: string | null = null;
  if (got > 0) {
    const adjust = await writeLedger(tx, actor, { op: "adjust", customerId: order.customerId, points: -got, description: reason, reference: order.externalId.slice(0, 128), metadata });
    entryId = adjust.entry!.id;
  }
  return { taken: got, unrecovered: take - got, entryId, awardEntryId: order.awardEntryId };
}
