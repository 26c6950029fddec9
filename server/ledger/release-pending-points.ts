import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

// The release job: pending points whose time has come move into balances and towards tiers,
// and points.available is written for them. Reads never wait for it (they count pending points
// as spendable from their availableAt on, to the second, see live-balance.ts), and a
// customer's own next write releases theirs first; this makes the event timely for those who
// don't come back. Runs every minute; only the businesses with points due (one range scan of
// point_lots_due_pending_idx), one at a time, a batch per statement.
export async function releasePendingPoints(db: Db, options: { businessId?: string; batchSize?: number } = {}): Promise<{ customers: number }> {
  const batchSize = options.batchSize ?? 500;
  let customers = 0;
  const businesses = options.businessId
    ? [options.businessId]
    : (await db.$queryRaw<{ businessId: string }[]>(Prisma.sql`
        SELECT DISTINCT "business_id" AS "businessId" FROM "point_lots" WHERE "pending" AND "available_at" <= now()`)).map((b) => b.businessId);
  for (const businessId of businesses) {
    for (;;) {
      const [row] = await db.$queryRaw<{ done: number }[]>(Prisma.sql`SELECT ll_release_due(${businessId}::uuid, ${batchSize}) AS done`);
      const done = Number(row?.done ?? 0);
      customers += done;
      // Fewer than a batch: the rest (if any) were being written, and those writes release them.
      if (done < batchSize) break;
    }
  }
  return { customers };
}
