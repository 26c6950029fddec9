// The points.expiring_soon job: each open lot is announced once, expiring_soon_days (a
// programme setting, 7 by default) before it expires, so integrators can remind the customer.
// The scheduler runs it hourly; a lot that comes into the window is warned on the next run.
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

export type ExpiryWarningRun = { lots: number };

// Bounded batches, each its own transaction (one statement: sql/ll-warn-expiring.sql), so a
// large backlog never holds many lot locks for long. Safe to run on several workers at once:
// each lot is warned by exactly one of them. One business at a time, as every tenant query runs.
export async function warnExpiringPoints(
  db: Db,
  options: { now?: Date; businessId?: string; batchSize?: number } = {},
): Promise<ExpiryWarningRun> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1_000;
  const run: ExpiryWarningRun = { lots: 0 };
  const businesses = options.businessId ? [options.businessId] : (await db.business.findMany({ select: { id: true } })).map((b) => b.id);
  for (const businessId of businesses) {
    for (;;) {
      const [row] = await db.$queryRaw<[{ warned: number }]>(
        Prisma.sql`SELECT ll_warn_expiring_lots(${businessId}::uuid, ${now}::timestamptz, ${batchSize}::int) AS warned`,
      );
      run.lots += row.warned;
      // Fewer than a full batch: nothing left (or only lots another worker holds right now).
      if (row.warned < batchSize) break;
    }
  }
  return run;
}
