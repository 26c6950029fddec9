// The analytics date range: whole UTC days, inclusive of both ends as the owner picks them,
// at most two years so one request can't scan a tenant's whole history by accident.
import { z } from "zod";

const DAY = 86_400_000;
export const MAX_RANGE_DAYS = 731;

// Also said by the dashboard before it asks, so the owner reads it at once.
export const RANGE_TOO_LONG = `a range covers at most ${MAX_RANGE_DAYS} days (two years): pick a later start or an earlier end`;

export const analyticsInput = z
  .object({
    from: z.iso.date("from must be a date (YYYY-MM-DD)"),
    to: z.iso.date("to must be a date (YYYY-MM-DD)"),
    // Earned, redeemed and expired at one store (our id); liability and customers stay the business's.
    storeId: z.uuid("must be a store id").optional(),
  })
  .refine((r) => r.from <= r.to, { message: "from must be on or before to", path: ["from"] })
  .refine((r) => rangeDays(r) <= MAX_RANGE_DAYS, { message: RANGE_TOO_LONG, path: ["to"] });

// Days in the range, both ends included.
export function rangeDays(range: { from: string; to: string }): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY) + 1;
}

export type AnalyticsInput = z.input<typeof analyticsInput>;

// [start, end) as instants: end is midnight after the `to` day.
export function rangeBounds(input: { from: string; to: string }): { start: Date; end: Date; days: string[] } {
  const start = new Date(`${input.from}T00:00:00.000Z`);
  const end = new Date(Date.parse(`${input.to}T00:00:00.000Z`) + DAY);
  const days: string[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
  return { start, end, days };
}

export function defaultRange(now = new Date(), days = 30): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (days - 1) * DAY).toISOString().slice(0, 10);
  return { from, to };
}

export const QUICK_RANGES = [
  { key: "7d", label: "7 days" },
  { key: "30d", label: "30 days" },
  { key: "90d", label: "90 days" },
  { key: "ytd", label: "Year to date" },
  { key: "last-year", label: "Last year" },
] as const;
export type QuickRange = (typeof QUICK_RANGES)[number]["key"];

// UTC days, like every range here: "7 days" ends today and includes it.
export function quickRange(key: QuickRange, now = new Date()): { from: string; to: string } {
  const year = now.getUTCFullYear();
  switch (key) {
    case "7d":
      return defaultRange(now, 7);
    case "30d":
      return defaultRange(now, 30);
    case "90d":
      return defaultRange(now, 90);
    case "ytd":
      return { from: `${year}-01-01`, to: now.toISOString().slice(0, 10) };
    case "last-year":
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}
