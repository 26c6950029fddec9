// Programme analytics for one business over a date range, from the customers' cached balances
// and per-day ledger totals, so it stays interactive on large tenants (bench/analytics-bench.ts):
// - liability now = sum of balances (customers index on business_id, balance);
// - per-day earned/redeemed/expired/net from daily-points.ts (settled days from a rollup,
//   today live from the ledger), reversals netted against what they reverse;
// - the liability trend walks back from today's liability with the per-day nets, instead of
//   re-summing the whole history for every day.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { analyticsInput, rangeBounds, type AnalyticsInput } from "./analytics-range";
import { dailyPointsSince } from "./daily-points";

export type DailyPoints = { day: string; earned: number; redeemed: number; expired: number; net: number; liability: number };

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

export async function getAnalytics(db: DbOrTx, actor: Actor, input: AnalyticsInput) {
  const range = analyticsInput.parse(input);
  const { start, end, days } = rangeBounds(range);
  const businessId = actor.businessId;
  const [business, totals, byDay, active, top] = await Promise.all([
    db.business.findUniqueOrThrow({ where: { id: businessId }, select: { currency: true, pointValuePer100: true } }),
    db.$queryRaw<{ liability: bigint | null; customers: bigint }[]>(Prisma.sql`
      SELECT sum(balance) AS liability, count(*) AS customers FROM customers WHERE business_id = ${businessId}::uuid`),
    dailyPointsSince(db, businessId, start),
    db.customer.count({ where: { businessId, erasedAt: null, lastActivityAt: { gte: start, lt: end } } }),
    db.customer.findMany({
      where: { businessId, erasedAt: null, balance: { gt: 0 } },
      orderBy: [{ balance: "desc" }, { id: "asc" }],
      take: 10,
      select: { id: true, name: true, email: true, balance: true, lifetimeEarned: true, tier: true },
    }),
  ]);

  const liabilityPoints = n(totals[0]?.liability);
  // Movements after the range (when it ends before today) separate its end from "now".
  const netAfter = [...byDay.values()].filter((d) => d.day > range.to).reduce((sum, d) => sum + d.net, 0);
  let liability = liabilityPoints - netAfter;
  const daily: DailyPoints[] = [];
  for (const day of [...days].reverse()) {
    const row = byDay.get(day);
    daily.push({ day, earned: n(row?.earned), redeemed: n(row?.redeemed), expired: n(row?.expired), net: n(row?.net), liability });
    liability -= n(row?.net);
  }
  daily.reverse();

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
    customers: { total: n(totals[0]?.customers), active },
    daily,
    topCustomers: top,
  };
}

export type Analytics = Awaited<ReturnType<typeof getAnalytics>>;
