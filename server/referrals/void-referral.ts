// A referral completed by an order that is then cancelled or refunded in full is VOIDED: both
// sides' awards are taken back the way an order's own points are (takeBack: a pending award
// reversed, a released one adjusted as far as the balance allows, the rest recorded as
// unrecovered). Otherwise ordering with a friend's code and cancelling would be free points for
// both. It is not reopened: a later order doesn't complete it again (its ledger keys are
// spent). Sends referral.voided. Runs in the order's transaction, under the order's lock.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma, type Referral } from "../db/generated/client";
import { takeBack } from "../orders/order-ledger";

export async function voidOrderReferral(tx: DbOrTx, actor: Actor, order: { id: string; externalId: string }, reason: string): Promise<void> {
  const { businessId } = actor;
  const [referral] = await tx.$queryRaw<Referral[]>(Prisma.sql`
    SELECT "id", "referrer_id" AS "referrerId", "referee_id" AS "refereeId", "referrer_points" AS "referrerPoints", "referee_points" AS "refereePoints",
           "referrer_entry_id" AS "referrerEntryId", "referee_entry_id" AS "refereeEntryId"
      FROM "referrals" WHERE "business_id" = ${businessId}::uuid AND "order_id" = ${order.id}::uuid AND "status" = 'COMPLETED' FOR UPDATE`);
  if (!referral) return;
  const sides = [
    { customerId: referral.referrerId, entryId: referral.referrerEntryId, awarded: referral.referrerPoints },
    { customerId: referral.refereeId!, entryId: referral.refereeEntryId, awarded: referral.refereePoints },
  ];
  let unrecovered = 0;
  for (const side of sides) {
    const back = await takeBack(tx, actor, { ...side, taken: 0, unrecovered: 0 }, side.awarded, {
      reason, reference: order.externalId.slice(0, 128), metadata: { referralId: referral.id, orderId: order.id },
      // The whole award is taken: nothing is left to reissue.
      reissue: () => Promise.reject(new Error("a voided referral's award is taken whole")),
    });
    unrecovered += back.unrecovered;
  }
  await tx.$queryRaw(Prisma.sql`
    WITH r AS (
      UPDATE "referrals" SET "status" = 'VOIDED', "voided_at" = now(), "points_unrecovered" = ${unrecovered}
       WHERE "business_id" = ${businessId}::uuid AND "id" = ${referral.id}::uuid
      RETURNING *
    )
    SELECT ll_emit_referral(r)::text FROM r`);
}
