// The order's side of referrals, called by POST /orders (create-order.ts) and PUT
// /orders/{externalId} (update-order-status.ts) inside their transaction, after the order row is
// written:
// - An order carrying a referralCode makes a PENDING referral of its customer by the code's owner,
//   when the customer has no referral yet and no earlier paid order. A code that names no live
//   customer of the business, or the customer's own code, is ignored: a sale never fails over a
//   referral code (the code stays on the order, nowhere else).
// - The referee's first qualifying order completes their pending referral (complete-referral.ts).
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma, type Order } from "../db/generated/client";
import { completeReferral } from "./complete-referral";
import { normalizeReferralCode } from "./referral-schemas";

export type ReferralOrder = Pick<Order, "id" | "customerId" | "referralCode" | "status" | "subtotal" | "discount" | "shipping" | "tax">;

export async function referralsOnOrder(tx: DbOrTx, actor: Actor, order: ReferralOrder): Promise<void> {
  // (A cancelled order refers no one.)
  if (order.referralCode && order.status !== "CANCELLED") await referFromOrder(tx, actor, order, normalizeReferralCode(order.referralCode));
  if (order.status !== "CANCELLED") await completeReferral(tx, actor, order);
}

async function referFromOrder(tx: DbOrTx, actor: Actor, order: ReferralOrder, code: string): Promise<void> {
  const { businessId } = actor;
  // One statement, and ON CONFLICT DO NOTHING: a referral made for this customer at the same
  // moment elsewhere wins quietly rather than failing the order.
  await tx.$queryRaw(Prisma.sql`
    WITH referrer AS (
      SELECT "id", "referral_code" FROM "customers"
       WHERE "business_id" = ${businessId}::uuid AND "referral_code" = ${code} AND "erased_at" IS NULL AND "id" <> ${order.customerId}::uuid
    ), referee AS (
      SELECT "id", "email", "phone" FROM "customers" WHERE "business_id" = ${businessId}::uuid AND "id" = ${order.customerId}::uuid
    ), r AS (
      INSERT INTO "referrals" ("business_id", "referrer_id", "referee_id", "code", "source")
      SELECT ${businessId}::uuid, referrer."id", referee."id", referrer."referral_code", 'ORDER' FROM referrer, referee
       WHERE NOT EXISTS (SELECT 1 FROM "referrals" x WHERE x."business_id" = ${businessId}::uuid
                           AND (x."referee_id" = referee."id" OR x."referee_email" = referee."email" OR x."referee_phone" = referee."phone"))
         AND NOT EXISTS (SELECT 1 FROM "orders" o WHERE o."business_id" = ${businessId}::uuid AND o."customer_id" = referee."id"
                           AND o."id" <> ${order.id}::uuid AND (o."award_entry_id" IS NOT NULL OR o."status" IN ('PAID', 'FULFILLED')))
      ON CONFLICT DO NOTHING
      RETURNING *
    )
    SELECT ll_emit_referral(r)::text FROM r`);
}
