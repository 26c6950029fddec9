// The business's badges with how many customers hold each. Erased customers no longer count:
// they are gone for every purpose but the anonymised ledger.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";

export type BadgeSummary = { slug: string; name: string; description: string | null; createdAt: Date; holders: number };

export async function listBadges(db: DbOrTx, actor: Actor): Promise<BadgeSummary[]> {
  const rows = await db.$queryRaw<(Omit<BadgeSummary, "createdAt"> & { createdAt: Date | string })[]>(Prisma.sql`
    SELECT b.slug, b.name, b.description, b.created_at AS "createdAt", count(c.id)::int AS holders
      FROM badges b
      LEFT JOIN customer_badges cb ON cb.business_id = b.business_id AND cb.badge_id = b.id
      LEFT JOIN customers c ON c.business_id = cb.business_id AND c.id = cb.customer_id AND c.erased_at IS NULL
     WHERE b.business_id = ${actor.businessId}::uuid
     GROUP BY b.business_id, b.id
     ORDER BY b.created_at, b.slug`);
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt), holders: Number(row.holders) }));
}
