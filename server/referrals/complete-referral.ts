// Completing a referral: the referee's first order that reaches the status at which orders earn
// (the program's orderPointsWhen) with a total (subtotal - discount + shipping + tax) of at least
// referralMinimumOrder. Both sides are credited the program's referrerPoints and refereePoints
// once: under the referral's row lock, only a PENDING one completes, and the awards carry the
// ledger's own keys referral:<id>:referrer and referral:<id>:referee (callers can't use them).
// The awards are pending for the program's pendingDays like an order's, without the tier
// multiplier (a fixed bonus). A side that is blocked or erased by then gets nothing; the
// referral still completes. Runs in the order's transaction.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma, type Referral } from "../db/generated/client";
import { writeLedger } from "../ledger/write-ledger";
import { earnsAt } from "../orders/order-schemas";
import { orderTotal } from "../orders/order-record";
import type { ReferralOrder } from "./referrals-on-order";

type Program = { orderPointsWhen: "PAID" | "FULFILLED"; minimum: number; referrerPoints: number; refereePoints: number };

export async function completeReferral(tx: DbOrTx, actor: Actor, order: ReferralOrder): Promise<void> {
  const { businessId } = actor;
  const [program] = await tx.$queryRaw<Program[]>(Prisma.sql`
    SELECT "order_points_when"::text AS "orderPointsWhen", "referral_minimum_order" AS "minimum", "referrer_points" AS "referrerPoints", "referee_points" AS "refereePoints"
      FROM "businesses" WHERE "id" = ${businessId}::uuid`);
  if (!program || !earnsAt(order.status, program.orderPointsWhen) || orderTotal(order) < program.minimum) return;
  // Their referral by customer; or, when none names them yet, one made to their email or phone.
  const [referral] = await tx.$queryRaw<Pick<Referral, "id" | "referrerId">[]>(Prisma.sql`
    SELECT r."id", r."referrer_id" AS "referrerId"
      FROM "referrals" r JOIN "customers" c ON c."business_id" = r."business_id" AND c."id" = ${order.customerId}::uuid
     WHERE r."business_id" = ${businessId}::uuid AND r."status" = 'PENDING' AND r."referrer_id" <> c."id"
       AND (r."referee_id" = c."id"
            OR (r."referee_id" IS NULL AND (r."referee_email" = c."email" OR r."referee_phone" = c."phone")
                AND NOT EXISTS (SELECT 1 FROM "referrals" x WHERE x."business_id" = r."business_id" AND x."referee_id" = c."id")))
       -- Their FIRST qualifying order: no other of theirs of the minimum has reached the points
       -- status (a referral made while an earlier one was being paid would complete on the next).
       AND NOT EXISTS (SELECT 1 FROM "orders" o WHERE o."business_id" = r."business_id" AND o."customer_id" = c."id" AND o."id" <> ${order.id}::uuid
                         AND (o."status" = 'FULFILLED' OR (o."status" = 'PAID' AND ${program.orderPointsWhen} = 'PAID'))
                         AND o."subtotal" - o."discount" + o."shipping" + o."tax" >= ${program.minimum})
     ORDER BY r."created_at" LIMIT 1
       FOR UPDATE OF r`);
  if (!referral) return;
  const referrerEntry = await credit(tx, actor, referral.referrerId, program.referrerPoints, referral.id, "referrer");
  const refereeEntry = await credit(tx, actor, order.customerId, program.refereePoints, referral.id, "referee");
  await tx.$queryRaw(Prisma.sql`
    WITH r AS (
      UPDATE "referrals" SET "status" = 'COMPLETED', "completed_at" = now(), "order_id" = ${order.id}::uuid, "referee_id" = ${order.customerId}::uuid,
             "referrer_points" = ${referrerEntry?.points ?? 0}, "referee_points" = ${refereeEntry?.points ?? 0},
             "referrer_entry_id" = ${referrerEntry?.id ?? null}::uuid, "referee_entry_id" = ${refereeEntry?.id ?? null}::uuid
       WHERE "business_id" = ${businessId}::uuid AND "id" = ${referral.id}::uuid AND "status" = 'PENDING'
      RETURNING *
    )
    SELECT ll_emit_referral(r)::text FROM r`);
}

async function credit(tx: DbOrTx, actor: Actor, customerId: string, points: number, referralId: string, side: "referrer" | "referee") {
  if (points <= 0) return null;
  const live = await tx.customer.findFirst({ where: { businessId: actor.businessId, id: customerId, erasedAt: null, status: "ACTIVE" }, select: { id: true } });
  if (!live) return null;
  const result = await writeLedger(tx, actor, {
    op: "award", customerId, points, skipMultiplier: true,
    description: side === "referrer" ? "Referral reward: a friend's first order" : "Referral reward: welcome",
    idempotencyKey: `referral:${referralId}:${side}`,
    metadata: { referralId },
  });
  return result.entry ? { id: result.entry.id, points: result.entry.points } : null;
}
