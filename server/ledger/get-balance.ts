import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { resolveCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { tierStanding, type TierStanding } from "../program/tier-standing";
import { customerRefShape, hasCustomerRef } from "./ledger-schemas";

export const EXPIRING_WINDOW_DAYS = 30;

export const balanceInput = z.object(customerRefShape).refine(hasCustomerRef, {
  message: "Name the customer with customerId, customerEmail, customerPhone or externalId",
  path: ["customerId"],
});

export type Balance = {
  customerId: string;
  // Spendable now.
  balance: number;
  // Credited but not spendable yet, and when the next of them becomes spendable.
  pending: number;
  nextAvailableAt: Date | null;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
  expiringSoon: { points: number; withinDays: number; nextExpiryAt: Date | null };
  status: "ACTIVE" | "BLOCKED";
} & TierStanding;

type Row = {
  balance: number; pending: number; matured: number; next_available_at: Date | null; lifetime_earned: number; lifetime_redeemed: number;
  status: Balance["status"]; due: number; expiring: number; next_expiry_at: Date | null; tiers: unknown; qualifying: number;
};

export async function getBalance(db: DbOrTx, actor: Actor, input: z.input<typeof balanceInput>): Promise<Balance> {
  const ref = balanceInput.parse(input);
  const { id } = await resolveCustomer(db, actor.businessId, ref);
  // One statement, so everything is read at the same instant (now()): points past their date
  // count in nothing, pending points whose time has come count as spendable (and toward the
  // tier), whether or not a write or the jobs have caught up (see live-balance.ts).
  const [row] = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH c AS (
      SELECT c.*, b.tiers, b.tier_basis,
             (SELECT coalesce(sum(p.remaining), 0)::int FROM point_lots p
               WHERE p.business_id = c.business_id AND p.customer_id = c.id AND p.pending AND p.available_at <= now()) AS matured,
             (SELECT min(p.available_at) FROM point_lots p
               WHERE p.business_id = c.business_id AND p.customer_id = c.id AND p.pending AND p.available_at > now()) AS next_available_at
        FROM customers c JOIN businesses b ON b.id = c.business_id
       WHERE c.business_id = ${actor.businessId}::uuid AND c.id = ${id}::uuid)
    SELECT c.balance, c.pending, c.matured, c.next_available_at, c.lifetime_earned, c.lifetime_redeemed, c.status::text AS status, c.tiers,
           ll_qualifying(c.business_id, c.id, c.tier_basis, c.lifetime_earned, c.pending - c.matured) AS qualifying,
           coalesce(sum(l.remaining) FILTER (WHERE l.expires_at <= now()), 0)::int AS due,
           coalesce(sum(l.remaining) FILTER (WHERE l.expires_at > now()), 0)::int AS expiring,
           min(l.expires_at) FILTER (WHERE l.expires_at > now()) AS next_expiry_at
      FROM c
      LEFT JOIN point_lots l ON l.business_id = c.business_id AND l.customer_id = c.id AND NOT l.depleted
                            AND (NOT l.pending OR l.available_at <= now())
                            AND l.expires_at <= now() + make_interval(days => ${EXPIRING_WINDOW_DAYS})
     GROUP BY c.business_id, c.id, c.balance, c.pending, c.matured, c.next_available_at, c.lifetime_earned, c.lifetime_redeemed, c.status, c.tiers, c.tier_basis`);
  if (!row) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");
  return {
    customerId: id,
    balance: row.balance + row.matured - row.due,
    pending: row.pending - row.matured,
    nextAvailableAt: row.next_available_at && new Date(row.next_available_at),
    lifetimeEarned: row.lifetime_earned,
    lifetimeRedeemed: row.lifetime_redeemed,
    expiringSoon: { points: row.expiring, withinDays: EXPIRING_WINDOW_DAYS, nextExpiryAt: row.next_expiry_at && new Date(row.next_expiry_at) },
    ...tierStanding(row.tiers, row.qualifying),
    status: row.status,
  };
}
