// Awards a badge to a customer, creating the business's badge on first use. A badge is held
// once: awarding it again changes nothing and says so (alreadyAwarded), so tills can retry.
import { Prisma } from "../db/generated/client";
import { resolveCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { awardBadgeInput, nameFromSlug, type AwardBadgeInput } from "./badge-schemas";

export type BadgeAward = {
  badge: { slug: string; name: string };
  customerId: string;
  awardedAt: Date;
  alreadyAwarded: boolean;
};

export async function awardBadge(db: DbOrTx, actor: Actor, input: AwardBadgeInput): Promise<BadgeAward> {
  const data = awardBadgeInput.parse(input);
  const { businessId } = actor;
  const customer = await resolveCustomer(db, businessId, data);
  const badge = await ensureBadge(db, businessId, data.badgeSlug, data.badgeName ?? nameFromSlug(data.badgeSlug));
  // ON CONFLICT DO NOTHING underneath: concurrent awards of one badge don't fail, one wins, and
  // only the winner writes badge.awarded (sql/award-badge.sql), in the same statement.
  const [{ awarded }] = await db.$queryRaw<[{ awarded: boolean }]>(
    Prisma.sql`SELECT ll_award_badge(${businessId}::uuid, ${customer.id}::uuid, ${badge.id}::uuid) AS awarded`,
  );
  const held = await db.customerBadge.findUniqueOrThrow({
    where: { businessId_customerId_badgeId: { businessId, customerId: customer.id, badgeId: badge.id } },
  });
  return { badge: { slug: badge.slug, name: badge.name }, customerId: customer.id, awardedAt: held.awardedAt, alreadyAwarded: !awarded };
}

// Get-or-create in one statement, race-free: the no-op update makes RETURNING give back the
// existing badge. An existing badge keeps its name (renaming is a deliberate act elsewhere).
async function ensureBadge(db: DbOrTx, businessId: string, slug: string, name: string) {
  const rows = await db.$queryRaw<{ id: string; slug: string; name: string }[]>(Prisma.sql`
    INSERT INTO badges (business_id, slug, name) VALUES (${businessId}::uuid, ${slug}, ${name})
    ON CONFLICT (business_id, slug) DO UPDATE SET slug = EXCLUDED.slug
    RETURNING id, slug, name`);
  return rows[0]!;
}
