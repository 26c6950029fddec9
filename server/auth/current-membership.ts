// Which business a signed-in user is working in, re-checked against the database on every
// request: the business cookie is only a preference, never proof of membership.
import type { DbOrTx } from "../db/client";

export const BUSINESS_COOKIE = "ll_business";

// mustChangePassword: signed in with a temporary password; the portal asks for a new one first.
export type SessionUser = { id: string; email: string; name: string | null; mustChangePassword?: boolean };

export type CurrentMembership = {
  role: "OWNER" | "STAFF";
  business: { id: string; name: string; slug: string };
  memberships: { businessId: string; name: string; role: "OWNER" | "STAFF" }[];
};

export async function currentMembership(db: DbOrTx, userId: string, preferredBusinessId: string | null): Promise<CurrentMembership | null> {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { business: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  // A stale or forged preference silently falls back to the user's first business.
  const chosen = rows.find((m) => m.businessId === preferredBusinessId) ?? rows[0];
  if (!chosen) return null;
  return {
    role: chosen.role,
    business: chosen.business,
    memberships: rows.map((m) => ({ businessId: m.businessId, name: m.business.name, role: m.role })),
  };
}
