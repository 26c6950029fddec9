import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
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
  // One statement, so the balance and what expires soon are read at the same instant (now()):
  // points already past their date count in neither (see live-balance.ts).
  const [row] = await db.$queryRaw<{ balance: number; lifetime_earned: number; lifetime_redeemed: number; tier: string | null; status: Balance["status"]; due: number; expiring: number; next_expiry_at: Date | null }[]>(Prisma.sql`
    SELECT c.balance, c.lifetime_earned, c.lifetime_redeemed, c.tier, c.status::text AS status,
           coalesce(sum(l.remaining) FILTER (WHERE l.expires_at <= now()), 0)::int AS due,
           coalesce(sum(l.remaining) FILTER (WHERE l.expires_at > now()), 0)::int AS expiring,
           min(l.expires_at) FILTER (WHERE l.expires_at > now()) AS next_expiry_at
      FROM customers c
      LEFT JOIN point_lots l ON l.business_id = c.business_id AND l.customer_id = c.id AND NOT l.depleted
                            AND l.expires_at <= now() + make_interval(days => ${EXPIRING_WINDOW_DAYS})
     WHERE c.business_id = ${actor.businessId}::uuid AND c.id = ${id}::uuid
     GROUP BY c.business_id, c.id`);
  if (!row) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");
  return {
    customerId: id,
    balance: row.balance - row.due,
    lifetimeEarned: row.lifetime_earned,
    lifetimeRedeemed: row.lifetime_redeemed,
    expiringSoon: { points: row.expiring, withinDays: EXPIRING_WINDOW_DAYS, nextExpiryAt: row.next_expiry_at && new Date(row.next_expiry_at) },
    tier: row.tier,
    status: row.status,
  };
}
