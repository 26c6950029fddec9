// The nightly analytics rollup: fills analytics_daily for every business's settled days, so
// an owner opening analytics reads small stored rows instead of waiting while a long range is
// aggregated on first use (dailyPointsSince still fills any gap itself; this only moves that
// work off the owner's request). Safe to run twice or on several workers: a day's row is
// written once (ON CONFLICT DO NOTHING) and settled days never change.
import type { Db } from "../db/client";
import { MAX_RANGE_DAYS } from "./analytics-range";
import { fillSettled, settledBefore } from "./daily-points";

const DAY = 86_400_000;

export type RollupRun = { businesses: number };

export async function rollUpAnalytics(db: Db, options: { now?: Date } = {}): Promise<RollupRun> {
  const settled = settledBefore(options.now ?? new Date());
  const earliest = new Date(settled.getTime() - MAX_RANGE_DAYS * DAY);
  const businesses = await db.business.findMany({ select: { id: true, createdAt: true } });
  for (const business of businesses) {
    const created = business.createdAt.getTime();
    const from = new Date(Math.max(earliest.getTime(), created - (created % DAY)));
    await fillSettled(db, business.id, from, settled);
  }
  return { businesses: businesses.length };
}
