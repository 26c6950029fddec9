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

// One award an order holds (its own, or a campaign's bonus on it) and what was taken back of it.
export type HeldAward = { customerId: string; entryId: string | null; awarded: number; taken: number; unrecovered: number };
export type TakeBackHow = {
  reason: string; reference: string; metadata: Record<string, unknown>;
  // Writes the pending award again for what is left; answers its entry id.
  reissue: (left: number, availableAt: Date | null) => Promise<string>;
};
// entry: the reversal or adjustment written; awardEntryId: the award's entry from now on (the
// reissue; null when a pending award was taken whole).
export type TakeBack = { taken: number; unrecovered: number; entry: { id: string; points: number } | null; awardEntryId: string | null };

// Brings the points taken back from an award (taken + unrecovered) to `target`.
export async function takeBack(tx: DbOrTx, actor: Actor, award: HeldAward, target: number, how: TakeBackHow): Promise<TakeBack> {
  const take = target - award.taken - award.unrecovered;
  const unchanged = { taken: 0, unrecovered: 0, entry: null, awardEntryId: award.entryId };
  const { businessId } = actor;
  if (take <= 0 || !award.entryId || (await customerStanding(tx, businessId, award.customerId)) === "ERASED") return unchanged;
  const [lot] = await tx.$queryRaw<{ pending: boolean; availableAt: Date | null; reversed: boolean }[]>(Prisma.sql`
    SELECT (l."pending" AND l."available_at" > now()) AS "pending", l."available_at" AS "availableAt",
           EXISTS (SELECT 1 FROM "ledger_entries" r WHERE r."business_id" = l."business_id" AND r."reverses_entry_id" = l."entry_id") AS "reversed"
      FROM "point_lots" l WHERE l."business_id" = ${businessId}::uuid AND l."entry_id" = ${award.entryId}::uuid`);
  // Reversed already (a referral's award, reversed by hand): those points are gone from the
  // customer, so they count as taken.
  if (lot?.reversed) return { taken: take, unrecovered: 0, entry: null, awardEntryId: award.entryId };
  const { reason: description, reference, metadata } = how;
  if (lot?.pending) {
    // byOwner: the order's own flow (any other reversal of its awards is refused by the ledger).
    const reversal = await writeLedger(tx, actor, { op: "reverse", entryId: award.entryId, description, reference, metadata, byOwner: true });
    const left = award.awarded - target;
    const awardEntryId = left > 0 ? await how.reissue(left, lot.availableAt) : null;
    return { taken: take, unrecovered: 0, entry: pick(reversal.entry!), awardEntryId };
  }
  // Held to the end of the transaction (the ledger takes it again): the balance read here is
  // still the balance when the adjustment lands.
  await tx.$executeRaw(Prisma.sql`SELECT 1 FROM "customers" WHERE "business_id" = ${businessId}::uuid AND "id" = ${award.customerId}::uuid FOR UPDATE`);
  const balance = (await liveBalances(tx, businessId, [award.customerId])).get(award.customerId) ?? 0;
  const got = Math.max(0, Math.min(take, balance));
  const adjust = got > 0 ? await writeLedger(tx, actor, { op: "adjust", customerId: award.customerId, points: -got, description, reference, metadata }) : null;
  return { taken: got, unrecovered: take - got, entry: adjust ? pick(adjust.entry!) : null, awardEntryId: award.entryId };
}

const pick = ({ id, points }: { id: string; points: number }) => ({ id, points });

// The order's own award. Its reissue goes through for a customer blocked or a store closed
// since (byOwner), without the tier multiplier again (it was applied once already).
export async function takeBackPoints(tx: DbOrTx, actor: Actor, order: Order, target: number, reason: string): Promise<TakeBack> {
  const held = { customerId: order.customerId, entryId: order.awardEntryId, awarded: order.pointsAwarded, taken: order.pointsRefunded, unrecovered: order.pointsUnrecovered };
  return takeBack(tx, actor, held, target, {
    reason, reference: order.externalId.slice(0, 128), metadata: { orderId: order.id },
    reissue: async (left, availableAt) => {
      const reissued = await writeLedger(tx, actor, {
        ...awardWrite({ ...order, points: left }), idempotencyKey: null, skipMultiplier: true, availableAt, byOwner: true,
        description: `Order ${order.externalId} (after refund)`,
      });
      return reissued.entry!.id;
    },
  });
}
