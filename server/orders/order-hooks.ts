// What else a new order sets off, beyond its own award: campaign bonuses (server/campaigns).
// They need reads and writes of their own, so an order that may set one off is written in a
// transaction with them (create-order.ts); the read that starts every order says whether it
// may (HOOKS_NEEDED), so the common order stays two statements and no transaction.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { planOrderBonuses } from "../campaigns/order-bonuses";

// SQL over the business row `b`, the order's placedAt ($4, null: now): true when a multiplier
// campaign runs at that moment.
export const HOOKS_NEEDED = `
  EXISTS (SELECT 1 FROM "campaigns" c WHERE c."business_id" = b."id" AND c."kind" = 'MULTIPLIER' AND c."active"
             AND c."starts_at" <= coalesce($4::timestamptz, now()) AND c."ends_at" > coalesce($4::timestamptz, now()))`;

export type HookedOrder = {
  id: string; customerId: string; storeId: string | null; placedAt: Date; awarded: boolean;
  lines: { productExternalId: string; points: number }[];
};

// In the order's transaction, after order_create wrote it.
export async function runOrderHooks(tx: DbOrTx, actor: Actor, order: HookedOrder): Promise<void> {
  await planOrderBonuses(tx, actor, { id: order.id, customerId: order.customerId, storeId: order.storeId, placedAt: order.placedAt, lines: order.lines, awardNow: order.awarded });
}
