// The birthday bonus job (hourly; each run finds whose birthday it is today): `points` from
// every running BIRTHDAY campaign to each active customer whose birthday is today, once a year
// (the key campaign:<id>:birthday:<customer>:<year>, and the same key on the campaign_awards
// link, which is how a later run skips who already has it). Businesses have no time zone of
// their own yet: "today" is the UTC date. A 29 February birthday is celebrated on 28 February
// in other years. Spendable at once (no return window on a present). Customers are found set-based, in batches, across every business at once
// (an index on the birthday's month and day); each award is its own small transaction.
import { jobActor } from "../actors/actor";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { awardCampaign, SPENDABLE_NOW } from "./award-campaign";

export type BirthdayRun = { awards: number; points: number; failed: string[] };
type Due = { businessId: string; campaignId: string; name: string; points: number; customerId: string; key: string };

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export async function awardBirthdayBonuses(db: Db, options: { now?: Date; batchSize?: number } = {}): Promise<BirthdayRun> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const year = now.getUTCFullYear();
  const monthDay = (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
  // On 28 February of a year without a 29th, the 29th's birthdays too.
  const days = monthDay === 228 && !isLeap(year) ? [228, 229] : [monthDay];
  const run: BirthdayRun = { awards: 0, points: 0, failed: [] };
  const tried = new Set<string>();
  for (;;) {
    const due = await db.$queryRaw<Due[]>(Prisma.sql`
      SELECT k."business_id"::text AS "businessId", k."id"::text AS "campaignId", k."name", k."points", c."id"::text AS "customerId",
             'campaign:' || k."id" || ':birthday:' || c."id" || ':' || ${year}::int AS "key"
        FROM "campaigns" k
        JOIN "customers" c ON c."business_id" = k."business_id"
       WHERE k."kind" = 'BIRTHDAY' AND k."active" AND k."points" > 0
         AND (k."starts_at" IS NULL OR k."starts_at" <= ${now}) AND (k."ends_at" IS NULL OR k."ends_at" > ${now})
         AND c."birthday" IS NOT NULL AND (EXTRACT(MONTH FROM c."birthday") * 100 + EXTRACT(DAY FROM c."birthday"))::int = ANY(${days}::int[])
         AND c."status" = 'ACTIVE' AND c."erased_at" IS NULL
         AND NOT EXISTS (SELECT 1 FROM "campaign_awards" a WHERE a."business_id" = k."business_id"
                            AND a."key" = 'campaign:' || k."id" || ':birthday:' || c."id" || ':' || ${year}::int)
         AND NOT ('campaign:' || k."id" || ':birthday:' || c."id" || ':' || ${year}::int) = ANY(${[...tried]}::text[])
       ORDER BY k."business_id", c."id"
       LIMIT ${batchSize}`);
    if (due.length === 0) return run;
    for (const row of due) {
      tried.add(row.key);
      // One customer refused (blocked a moment ago) doesn't hold up everyone else's birthday;
      // the next hourly run tries them again.
      const result = await db
        .$transaction((tx) => awardCampaign(tx, jobActor(row.businessId), { campaign: { id: row.campaignId, name: row.name }, customerId: row.customerId, points: row.points, key: row.key, availableAt: SPENDABLE_NOW() }))
        .catch((error: unknown) => (run.failed.push(`${row.key}: ${error instanceof Error ? error.message : String(error)}`), null));
      if (result && !result.replay) {
        run.awards++;
        run.points += result.points;
      }
    }
  }
}
