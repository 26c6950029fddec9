// The analytics date range: whole UTC days, inclusive of both ends as the owner picks them,
// at most two years so one request can't scan a tenant's whole history by accident.
import { z } from "zod";

const DAY = 86_400_000;
export const MAX_RANGE_DAYS = 731;

export const analyticsInput = z
  .object({
    from: z.iso.date("from must be a date (YYYY-MM-DD)"),
    to: z.iso.date("to must be a date (YYYY-MM-DD)"),
    // Earned, redeemed and expired at one store (our id); liability and customers stay the business's.
    storeId: z.uuid("must be a store id").optional(),
  })
  .refine((r) => r.from <= r.to, { message: "from must be on or before to", path: ["from"] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / DAY < MAX_RANGE_DAYS, { message: `at most ${MAX_RANGE_DAYS} days`, path: ["to"] });

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
