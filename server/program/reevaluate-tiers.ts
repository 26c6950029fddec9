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
    do {
      const rows: { last_id: string | null; changed: number }[] = await db.$queryRaw(Prisma.sql`
        SELECT last_id, changed FROM ll_reevaluate_tiers(${businessId}::uuid, ${after}::uuid, ${pageSize})`);
      changed += Number(rows[0]?.changed ?? 0);
      after = rows[0]?.last_id ?? null;
    } while (after);
  }
  return { changed };
}
