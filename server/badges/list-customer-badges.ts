// A customer's badges, oldest first, for the customer detail (API and portal).
import type { DbOrTx } from "../db/client";

export type CustomerBadge = { slug: string; name: string; awardedAt: Date };

export async function listCustomerBadges(db: DbOrTx, businessId: string, customerId: string): Promise<CustomerBadge[]> {
  const rows = await db.customerBadge.findMany({
    where: { businessId, customerId },
    include: { badge: { select: { slug: true, name: true } } },
    orderBy: [{ awardedAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({ slug: row.badge.slug, name: row.badge.name, awardedAt: row.awardedAt }));
}
