import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { systemActor } from "./actor";
import { writeLedger } from "./write-ledger";

export type ExpiryRun = { customers: number; points: number };

// The expiry job: every customer with lots past their date gets one EXPIRE entry. Safe to run
// twice or alongside redemptions: each customer is handled under its row lock, and a lot
// already consumed has nothing left to expire.
export async function expireDuePoints(db: Db, options: { businessId?: string; now?: Date; batchSize?: number } = {}): Promise<ExpiryRun> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const run: ExpiryRun = { customers: 0, points: 0 };
  for (;;) {
    const due = await db.$queryRaw<{ business_id: string; customer_id: string }[]>(Prisma.sql`
      SELECT DISTINCT business_id, customer_id FROM point_lots
       WHERE NOT depleted AND expires_at <= ${now}
         ${options.businessId ? Prisma.sql`AND business_id = ${options.businessId}::uuid` : Prisma.empty}
       LIMIT ${batchSize}`);
    if (due.length === 0) return run;
    for (const { business_id, customer_id } of due) {
      const result = await writeLedger(db, systemActor(business_id), {
        op: "expire",
        customerId: customer_id,
        before: now,
        description: "Points expired",
      });
      if (result.entry) {
        run.customers++;
        run.points -= result.entry.points;
      }
    }
  }
}
