// Per-day earned / redeemed / expired / net points for one business, from two sources:
// - settled days (ended over an hour ago) from analytics_daily, filled on first use with one
//   aggregate over just the missing days; the ledger is append-only and stamps entries when
//   they are written, so a settled day's figures can never change;
// - the unsettled tail (today, and yesterday for the first hour) live from ledger_entries,
//   which is a small range scan on (business_id, created_at).
// So a year of analytics reads ~365 small rows plus a day of entries, however large the tenant.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";

export type DayPoints = { day: string; earned: number; redeemed: number; expired: number; net: number };

const DAY = 86_400_000;
const SETTLE_MS = 60 * 60 * 1000;

// Midnight (UTC) before which every day is settled.
export function settledBefore(now = new Date()): Date {
  const t = now.getTime() - SETTLE_MS;
  return new Date(t - (t % DAY));
}

// One aggregate over [from, to). A reversal counts against the kind of entry it undoes (a
// reversed award is not "earned"). Two passes: every other entry summed by day, type and sign
// (a hash aggregate that parallel workers split; the earlier form, a lookup in a CASE, had each
// row sorted and looked at above the workers, 3x slower on 10M entries), and the few reversals
// with what they reverse, by primary key.
// storeId: only entries recorded at that store (the partial index on store_id).
const aggregate = (businessId: string, from: Date, to?: Date, storeId?: string) => {
  const where = (e: Prisma.Sql) => Prisma.sql`${e}.business_id = ${businessId}::uuid AND ${e}.created_at >= ${from}
    ${to ? Prisma.sql`AND ${e}.created_at < ${to}` : Prisma.empty} ${storeId ? Prisma.sql`AND ${e}.store_id = ${storeId}::uuid` : Prisma.empty}`;
  return Prisma.sql`
  WITH moves AS (
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, type::text AS kind, 1 AS credit, sign(points) AS sign, sum(points) AS points
      FROM ledger_entries e WHERE ${where(Prisma.raw("e"))} AND e.type <> 'REVERSAL'
     GROUP BY 1, 2, 4
    UNION ALL
    SELECT (e.created_at AT TIME ZONE 'UTC')::date, o.type::text, -1, sign(e.points), sum(e.points)
      FROM ledger_entries e LEFT JOIN ledger_entries o ON o.business_id = e.business_id AND o.id = e.reverses_entry_id
     WHERE ${where(Prisma.raw("e"))} AND e.type = 'REVERSAL'
     GROUP BY 1, 2, 4)
  SELECT day,
         coalesce(sum(points) FILTER (WHERE kind = 'AWARD' OR (kind = 'ADJUST' AND sign = credit)), 0) AS earned,
         coalesce(-sum(points) FILTER (WHERE kind = 'REDEEM'), 0) AS redeemed,
         coalesce(-sum(points) FILTER (WHERE kind = 'EXPIRE'), 0) AS expired,
         coalesce(sum(points), 0) AS net
    FROM moves
   GROUP BY 1`;
};

// A JS Date (a UTC midnight) as a SQL date, whatever the session's TimeZone setting.
const utcDate = (d: Date) => Prisma.sql`(${d}::timestamptz AT TIME ZONE 'UTC')::date`;

type Row = { day: Date; earned: bigint; redeemed: bigint; expired: bigint; net: bigint };

const toDay = (r: Row): DayPoints => ({
  day: r.day.toISOString().slice(0, 10),
  earned: Number(r.earned),
  redeemed: Number(r.redeemed),
  expired: Number(r.expired),
  net: Number(r.net),
});

// Fills analytics_daily for the settled days of [from, settled) that have no row yet; days
// without entries get a row of zeros so they are not recomputed next time.
export async function fillSettled(db: DbOrTx, businessId: string, from: Date, settled: Date): Promise<void> {
  if (from >= settled) return;
  const [span] = await db.$queryRaw<{ first: Date | null; last: Date | null }[]>(Prisma.sql`
    SELECT min(d)::date AS first, max(d)::date AS last
      FROM generate_series(${utcDate(from)}, ${utcDate(settled)} - 1, interval '1 day') d
     WHERE NOT EXISTS (SELECT 1 FROM analytics_daily a WHERE a.business_id = ${businessId}::uuid AND a.day = d::date)`);
  if (!span?.first || !span.last) return;
  const end = new Date(span.last.getTime() + DAY);
  // The aggregate alone, then the insert: an INSERT ... SELECT would run without parallel workers.
  const moves = await db.$queryRaw<Row[]>(aggregate(businessId, span.first, end));
  const byDay = new Map(moves.map((r) => [toDay(r).day, toDay(r)]));
  const days: DayPoints[] = [];
  for (let t = span.first.getTime(); t <= span.last.getTime(); t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(byDay.get(day) ?? { day, earned: 0, redeemed: 0, expired: 0, net: 0 });
  }
  // Concurrent fills of the same days compute the same figures: the first insert wins.
  await db.$executeRaw(Prisma.sql`
    INSERT INTO analytics_daily (business_id, day, earned, redeemed, expired, net)
    SELECT ${businessId}::uuid, d.day, d.earned, d.redeemed, d.expired, d.net
      FROM jsonb_to_recordset(${JSON.stringify(days)}::jsonb) AS d(day date, earned bigint, redeemed bigint, expired bigint, net bigint)
    ON CONFLICT (business_id, day) DO NOTHING`);
}

// One store's days from `from` up to now, live from its entries: the rollup is per business,
// and a store's entries are few enough to sum on the (business_id, store_id, created_at) index.
export async function storeDailyPointsSince(db: DbOrTx, businessId: string, storeId: string, from: Date): Promise<Map<string, DayPoints>> {
  const rows = await db.$queryRaw<Row[]>(aggregate(businessId, from, undefined, storeId));
  return new Map(rows.map((r) => [toDay(r).day, toDay(r)]));
}

// Every day from `from` (a UTC midnight) up to now that had movements or is settled.
export async function dailyPointsSince(db: DbOrTx, businessId: string, from: Date, now = new Date()): Promise<Map<string, DayPoints>> {
  const settled = settledBefore(now);
  await fillSettled(db, businessId, from, settled);
  const liveFrom = from > settled ? from : settled;
  const [stored, live] = await Promise.all([
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT day, earned, redeemed, expired, net FROM analytics_daily
       WHERE business_id = ${businessId}::uuid AND day >= ${utcDate(from)} AND day < ${utcDate(settled)}`),
    db.$queryRaw<Row[]>(aggregate(businessId, liveFrom)),
  ]);
  return new Map([...stored, ...live].map((r) => [toDay(r).day, toDay(r)]));
}
