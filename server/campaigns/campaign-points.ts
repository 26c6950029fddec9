// Points issued per campaign in a date range, for analytics: each campaign's entries (awards,
// less what refunds and cancellations took back) written in [start, end), from the
// campaign_awards links on their (business_id, created_at) index. Business-wide (a store's
// analytics still shows every campaign's total).
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";

export type CampaignPoints = { campaignId: string; name: string; kind: string; points: number; customers: number };

export async function campaignPoints(db: DbOrTx, businessId: string, range: { start: Date; end: Date }): Promise<CampaignPoints[]> {
  const rows = await db.$queryRaw<{ campaignId: string; name: string; kind: string; points: bigint; customers: bigint }[]>(Prisma.sql`
    SELECT k."id"::text AS "campaignId", k."name", k."kind"::text AS "kind", sum(a."points") AS "points", count(DISTINCT a."customer_id") AS "customers"
      FROM "campaign_awards" a
      JOIN "campaigns" k ON k."business_id" = a."business_id" AND k."id" = a."campaign_id"
     WHERE a."business_id" = ${businessId}::uuid AND a."created_at" >= ${range.start} AND a."created_at" < ${range.end}
     GROUP BY k."id", k."name", k."kind"
     ORDER BY 4 DESC, k."name"`);
  return rows.map((r) => ({ ...r, points: Number(r.points), customers: Number(r.customers) }));
}
