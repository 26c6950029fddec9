// The signed-in customer's card: spendable points, pending ones and when the next become
// spendable, points expiring soon, and where they stand in the tiers. Read with the same
// function as GET /api/v1/points/balance and the POS (live as of now). A token for someone who
// is not a customer yet answers member: false, so the widget shows the programme and how to
// join instead of an error.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { getBalance } from "../ledger/get-balance";
import type { Tier } from "../program/tier-schemas";
import { findTokenCustomer, type TokenSubject } from "./find-token-customer";

export type WidgetMember =
  | { member: false }
  | {
      member: true;
      name: string | null;
      balance: number;
      pending: number;
      nextAvailableAt: Date | null;
      expiringSoon: { points: number; withinDays: number; nextExpiryAt: Date | null };
      tier: string | null;
      qualifyingPoints: number;
      nextTier: Tier | null;
      pointsToNextTier: number | null;
      blocked: boolean;
    };

export async function getWidgetMember(db: DbOrTx, actor: Actor, subject: TokenSubject): Promise<WidgetMember> {
  const found = await findTokenCustomer(db, actor.businessId, subject);
  if (!found) return { member: false };
  const [balance, row] = await Promise.all([
    getBalance(db, actor, { customerId: found.id }),
    db.customer.findFirstOrThrow({ where: { businessId: actor.businessId, id: found.id }, select: { name: true } }),
  ]);
  return {
    member: true,
    name: row.name,
    balance: balance.balance,
    pending: balance.pending,
    nextAvailableAt: balance.nextAvailableAt,
    expiringSoon: balance.expiringSoon,
    tier: balance.tier,
    qualifyingPoints: balance.qualifyingPoints,
    nextTier: balance.nextTier,
    pointsToNextTier: balance.pointsToNextTier,
    blocked: balance.status === "BLOCKED",
  };
}
