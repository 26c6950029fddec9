import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

// Puts every customer of a business in the tier their qualifying points reach today. Daily for
// businesses on a rolling 12-month basis (points age out, so customers can drop a tier), and
// once after an owner changes the tier table or the basis. A page of customers per statement,
// so no transaction holds many customer locks for long.
export async function reevaluateTiers(db: Db, options: { businessId?: string; pageSize?: number } = {}): Promise<{ changed: number }> {
  // Small pages: each holds its customers' row locks until it commits, and ledger writes to them wait.
  const pageSize = options.pageSize ?? 100;
  const businesses = options.businessId
    ? [options.businessId]
    : (await db.business.findMany({ where: { tierBasis: "ROLLING_12_MONTHS" }, select: { id: true } })).map((b) => b.id);
  let changed = 0;
  for (const businessId of businesses) {
    let after: string | null = null;
    const skipped: string[] = [];
    do {
      const rows: { last_id: string | null; changed: number; skipped: string[] }[] = await db.$queryRaw(Prisma.sql`
        SELECT last_id, changed, skipped FROM ll_reevaluate_tiers(${businessId}::uuid, ${after}::uuid, ${pageSize})`);
      changed += Number(rows[0]?.changed ?? 0);
      skipped.push(...(rows[0]?.skipped ?? []));
      after = rows[0]?.last_id ?? null;
    } while (after);
    // Those being written during the pass: the write may not have re-tiered them (a redeem
    // doesn't; an award may have read the tier table before it changed), so wait for each now.
    for (let i = 0; i < skipped.length; i += pageSize) {
      const [row] = await db.$queryRaw<{ changed: number }[]>(Prisma.sql`
        SELECT ll_reevaluate_customers(${businessId}::uuid, ${skipped.slice(i, i + pageSize)}::uuid[]) AS changed`);
      changed += Number(row?.changed ?? 0);
    }
  }
  return { changed };
}
