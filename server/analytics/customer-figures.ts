// The customer side of analytics: liability as booked (balances and pending points), points
// past their expiry not yet taken out (by day), customers enrolled and active in the range.
// One statement, one snapshot: a write expiring points between two reads would count them
// twice or not at all. One pass over the business's customers, which on a tenant of a million
// is most of an analytics call (bench:scale); so for large tenants only, the figures are reused
// for FRESH_MS in this process (owners flip between ranges and reload) and say when they were
// read (asOf). Every other figure of analytics is read on each call.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";

export type CustomerFigures = { booked: number; customers: number; active: number; due: Record<string, number>; asOf: Date };

export const LARGE_TENANT_CUSTOMERS = 100_000;
const FRESH_MS = 60_000;
const MAX_REMEMBERED = 500;
const remembered = new Map<string, CustomerFigures>();

type Options = { now?: Date; largeTenant?: number };

export async function customerFigures(db: DbOrTx, businessId: string, range: { start: Date; end: Date }, options: Options = {}): Promise<CustomerFigures> {
  const now = options.now ?? new Date();
  const key = `${businessId} ${range.start.toISOString()} ${range.end.toISOString()}`;
  const kept = remembered.get(key);
  if (kept && now.getTime() - kept.asOf.getTime() < FRESH_MS) return kept;
  const [row] = await db.$queryRaw<{ booked: bigint | null; customers: bigint; active: bigint; due: Record<string, number> | null }[]>(Prisma.sql`
    SELECT c.booked, c.customers, c.active,
           (SELECT jsonb_object_agg(day, due) FROM (
              SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(remaining)::int AS due FROM point_lots
               WHERE business_id = ${businessId}::uuid AND NOT depleted AND expires_at <= now() GROUP BY 1) d) AS due
      FROM (SELECT sum(balance + pending) AS booked, count(*) FILTER (WHERE erased_at IS NULL) AS customers,
                   count(*) FILTER (WHERE erased_at IS NULL AND last_activity_at >= ${range.start} AND last_activity_at < ${range.end}) AS active
              FROM customers WHERE business_id = ${businessId}::uuid) c`);
  const figures = { booked: Number(row?.booked ?? 0), customers: Number(row?.customers ?? 0), active: Number(row?.active ?? 0), due: row?.due ?? {}, asOf: now };
  remembered.delete(key);
  if (figures.customers > (options.largeTenant ?? LARGE_TENANT_CUSTOMERS)) {
    remembered.set(key, figures);
    // Oldest first (insertion order): a bounded memory whatever the number of tenants.
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  }
  return figures;
}

// A first call as after a restart (bench:scale measures one after the nightly rollup).
export function forgetCustomerFigures(): void {
  remembered.clear();
}
