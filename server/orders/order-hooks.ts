// What else a new order sets off, beyond its own award: campaign bonuses (server/campaigns) and
// referrals (server/referrals: its referralCode refers its customer; it may complete theirs).
// They need reads and writes of their own, so an order that may set one off is written in a
// transaction with them (create-order.ts); the read that starts every order says whether it
// may (HOOKS_NEEDED), so the common order stays two statements and no transaction.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { planOrderBonuses } from "../campaigns/order-bonuses";
import { referralsOnOrder, type ReferralOrder } from "../referrals/referrals-on-order";

// SQL over the business row `b` and the order's placedAt ($4, null: now), referralCode ($5) and
// customer ($6 id, $7 email, $8 phone, $9 external id): true when a multiplier campaign runs
// at that moment, the order carries a referral code, or a pending referral may be its
// customer's (by customer, or made to their email or phone). Index probes only.
export const HOOKS_NEEDED = `(
  EXISTS (SELECT 1 FROM "campaigns" c WHERE c."business_id" = b."id" AND c."kind" = 'MULTIPLIER' AND c."active"
             AND c."starts_at" <= coalesce($4::timestamptz, now()) AND c."ends_at" > coalesce($4::timestamptz, now()))
  OR $5::text IS NOT NULL
  OR EXISTS (SELECT 1 FROM "referrals" r WHERE r."business_id" = b."id" AND r."status" = 'PENDING' AND (r."referee_email" = $7::text OR r."referee_phone" = $8::text))
  OR EXISTS (SELECT 1 FROM "customers" c JOIN "referrals" r ON r."business_id" = c."business_id" AND r."status" = 'PENDING'
                       AND (r."referee_id" = c."id" OR r."referee_email" = c."email" OR r."referee_phone" = c."phone")
              WHERE c."business_id" = b."id" AND (c."id" = $6::uuid OR c."email" = $7::text OR c."phone" = $8::text OR c."external_id" = $9::text)))`;

export type HookedOrder = ReferralOrder & {
  storeId: string | null; placedAt: Date; awarded: boolean; lines: { productExternalId: string; points: number }[];
};

// In the order's transaction, after order_create wrote it.
export async function runOrderHooks(tx: DbOrTx, actor: Actor, order: HookedOrder): Promise<void> {
  await planOrderBonuses(tx, actor, { id: order.id, customerId: order.customerId, storeId: order.storeId, placedAt: order.placedAt, lines: order.lines, awardNow: order.awarded });
  await referralsOnOrder(tx, actor, order);
}
