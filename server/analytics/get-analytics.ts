// Programme analytics for one business over a date range, from the customers' cached balances
// and per-day ledger totals, so it stays interactive on large tenants (bench/analytics-bench.ts):
// - liability now = sum of balances, with the customer counts, in one pass over the customers
//   (customer-figures.ts: reused for a minute on large tenants);
// - per-day earned/redeemed/expired/net from daily-points.ts (settled days from a rollup,
//   today live from the ledger), reversals netted against what they reverse;
// - the liability trend walks back from today's liability with the per-day nets, instead of
//   re-summing the whole history for every day.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { analyticsInput, rangeBounds, type AnalyticsInput } from "./analytics-range";
import { campaignPoints } from "../campaigns/campaign-points";
import { compareStores } from "./compare-stores";
import { customerFigures } from "./customer-figures";
import { dailyPointsSince, storeDailyPointsSince } from "./daily-points";

export type DailyPoints = { day: string; earned: number; redeemed: number; expired: number; net: number; liability: number };

const TOP_CUSTOMERS = 10;

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

// rollup: where analytics_daily is filled and read back (the primary, when `db` is a replica).
export async function getAnalytics(db: DbOrTx, actor: Actor, input: AnalyticsInput, rollup: DbOrTx = db) {
  const range = analyticsInput.parse(input);
  const { start, end, days } = rangeBounds(range);
  const businessId = actor.businessId;
  const [business, totals, byDay, top, stores, storeDays, campaigns] = await Promise.all([
    db.business.findUniqueOrThrow({ where: { id: businessId }, select: { currency: true, pointValuePer100: true } }),
    customerFigures(db, businessId, { start, end }),
    dailyPointsSince(rollup, businessId, start),
    topCustomers(db, businessId),
    compareStores(db, businessId, { start, end }),
    range.storeId ? storeDailyPointsSince(db, businessId, range.storeId, start) : null,
    campaignPoints(db, businessId, { start, end }),
  ]);
  // One store's movements, day by day; liability stays the business's (points aren't owed by a store).
  const movements = storeDays ?? byDay;

  const dueByDay = Object.entries(totals.due).map(([day, points]) => ({ day, due: points }));
  const due = dueByDay.reduce((sum, d) => sum + d.due, 0);
  const liabilityPoints = totals.booked - due;
  // Movements after the range (when it ends before today) separate its end from "now".
  const netAfter = [...byDay.values()].filter((d) => d.day > range.to).reduce((sum, d) => sum + d.net, 0);
  // Walked back through the days' booked movements, so from the booked total; then each day
  // loses the points that had expired by its end but are not booked as expired yet.
  let liability = liabilityPoints + due - netAfter;
  const daily: DailyPoints[] = [];
  for (const day of [...days].reverse()) {
    const row = movements.get(day);
    daily.push({ day, earned: n(row?.earned), redeemed: n(row?.redeemed), expired: n(row?.expired), net: n(row?.net), liability });
    liability -= n(byDay.get(day)?.net);
  }
  daily.reverse();
  for (const d of daily) d.liability -= dueByDay.filter((x) => x.day <= d.day).reduce((sum, x) => sum + x.due, 0);

  const earned = daily.reduce((s, d) => s + d.earned, 0);
  const redeemed = daily.reduce((s, d) => s + d.redeemed, 0);
  const expired = daily.reduce((s, d) => s + d.expired, 0);
  const toMoney = (points: number) => Math.round((points * business.pointValuePer100) / 100);
  return {
    currency: business.currency,
    pointValuePer100: business.pointValuePer100,
    liability: { points: liabilityPoints, money: toMoney(liabilityPoints) },
    totals: { earned, redeemed, expired },
    // Shares of the points earned in the range; null when nothing was earned.
    redemptionRate: earned > 0 ? redeemed / earned : null,
    breakageRate: earned > 0 ? expired / earned : null,
    customers: { total: totals.customers, active: totals.active },
    // When liability and the customer counts were read: now, or up to a minute ago on a tenant
    // of over 100,000 customers (customer-figures.ts).
    figuresAsOf: totals.asOf.toISOString(),
    daily,
    topCustomers: top,
    storeId: range.storeId ?? null,
    stores,
    // Points issued per campaign in the range (net of take-backs).
    campaigns,
  };
}

// The ten largest balances as of now. Only customers holding points past their expiry can rank
// differently from their cached balance, and there are few of them (an hour's worth between
// expiry runs), so: the top ten by cached balance among the others, and those customers,
// re-ranked by live balance. Index-driven whatever the size of the business: a constant LIMIT
// (an earlier "ten plus the number due" was unknown when planning, so 1M balances were sorted).
async function topCustomers(db: DbOrTx, businessId: string) {
  const rows = await db.$queryRaw<{ id: string; name: string | null; email: string | null; balance: number; lifetimeEarned: number; tier: string | null }[]>(Prisma.sql`
    WITH due AS (
      SELECT customer_id, sum(remaining)::int AS due FROM point_lots
       WHERE business_id = ${businessId}::uuid AND NOT depleted AND expires_at <= now()
       GROUP BY customer_id
    ), candidates AS (
      (SELECT id FROM customers c WHERE business_id = ${businessId}::uuid AND erased_at IS NULL AND balance > 0
          AND NOT EXISTS (SELECT 1 FROM due WHERE due.customer_id = c.id)
        ORDER BY balance DESC, id LIMIT ${TOP_CUSTOMERS})
      UNION SELECT customer_id FROM due
    )
    SELECT c.id, c.name, c.email, c.balance - coalesce(d.due, 0) AS balance, c.lifetime_earned AS "lifetimeEarned", c.tier
      FROM candidates k
      JOIN customers c ON c.business_id = ${businessId}::uuid AND c.id = k.id
      LEFT JOIN due d ON d.customer_id = c.id
     WHERE c.erased_at IS NULL AND c.balance - coalesce(d.due, 0) > 0
     ORDER BY 4 DESC, c.id
     LIMIT ${TOP_CUSTOMERS}`);
  return rows.map((r) => ({ ...r, balance: Number(r.balance), lifetimeEarned: Number(r.lifetimeEarned) }));
}

export type Analytics = Awaited<ReturnType<typeof getAnalytics>>;
