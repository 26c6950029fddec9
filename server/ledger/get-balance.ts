import { z } from "zod";
import { resolveCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { customerRefShape, hasCustomerRef } from "./ledger-schemas";

export const EXPIRING_WINDOW_DAYS = 30;

export const balanceInput = z.object(customerRefShape).refine(hasCustomerRef, {
  message: "Name the customer with customerId, customerEmail, customerPhone or externalId",
  path: ["customerId"],
});

export type Balance = {
  customerId: string;
  balance: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  expiringSoon: { points: number; withinDays: number; nextExpiryAt: Date | null };
  tier: string | null;
  status: "ACTIVE" | "BLOCKED";
};

export async function getBalance(db: DbOrTx, actor: Actor, input: z.input<typeof balanceInput>): Promise<Balance> {
  const ref = balanceInput.parse(input);
  const { id } = await resolveCustomer(db, actor.businessId, ref);
  const now = new Date();
  const horizon = new Date(now.getTime() + EXPIRING_WINDOW_DAYS * 86_400_000);
  const [customer, expiring] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: actor.businessId, id } } }),
    db.pointLot.aggregate({
      // `depleted`, not `remaining > 0`: the open-lot index's predicate (see the ledger migration).
      where: { businessId: actor.businessId, customerId: id, depleted: false, expiresAt: { gt: now, lte: horizon } },
      _sum: { remaining: true },
      _min: { expiresAt: true },
    }),
  ]);
  return {
    customerId: id,
    balance: customer.balance,
    lifetimeEarned: customer.lifetimeEarned,
    lifetimeRedeemed: customer.lifetimeRedeemed,
    expiringSoon: { points: expiring._sum.remaining ?? 0, withinDays: EXPIRING_WINDOW_DAYS, nextExpiryAt: expiring._min.expiresAt },
    tier: customer.tier,
    status: customer.status,
  };
}
