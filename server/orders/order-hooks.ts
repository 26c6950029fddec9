// What else a new order sets off, beyond its own award: campaign bonuses (server/campaigns) and
// referrals (server/referrals: its referralCode refers its customer; it may complete theirs).
// They need reads and writes of their own, so an order that may set one off is written in a
// transaction with them (create-order.ts); the read that starts every order says whether it
// may (HOOKS_NEEDED), so the common order stays two statements and no transaction. Should one
// appear between that read and the write, order_create() refuses (ORDER_HOOKS) and the order
// is written again with its hooks.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { planOrderBonuses } from "../campaigns/order-bonuses";
import { referralsOnOrder, type ReferralOrder } from "../referrals/referrals-on-order";

// SQL over the business row `b` and the order's placedAt ($4, null: now), referralCode ($5) and
// customer ($6 id, $7 email, $8 phone, $9 external id): ll_order_hooks (sql/order-create.sql),
// which order_create() judges again in its own snapshot.
export const HOOKS_NEEDED = `ll_order_hooks(b."id", $4::timestamptz, $5::text, $6::uuid, $7::text, $8::text, $9::text)`;

export type HookedOrder = ReferralOrder & {
  storeId: string | null; placedAt: Date; awarded: boolean; lines: { productExternalId: string; points: number }[];
};

// In the order's transaction, after order_create wrote it.
export async function runOrderHooks(tx: DbOrTx, actor: Actor, order: HookedOrder): Promise<void> {
  await planOrderBonuses(tx, actor, { id: order.id, customerId: order.customerId, storeId: order.storeId, placedAt: order.placedAt, lines: order.lines, awardNow: order.awarded });
  await referralsOnOrder(tx, actor, order);
}
