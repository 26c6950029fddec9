import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { jobActor } from "../actors/actor";
import { writeLedger } from "./write-ledger";

export type ExpiryRun = { customers: number; points: number };

// The expiry job: every customer with lots past their date gets one EXPIRE entry, so history
// shows when points left (balances never counted them anyway: see get-balance.ts). Safe to run
// twice or alongside redemptions: each customer is handled under its row lock, and a lot
// already consumed has nothing left to expire. One business at a time, on the (business_id,
// expires_at) index, as every tenant query runs.
export async function expireDuePoints(db: Db, options: { businessId?: string; now?: Date; batchSize?: number } = {}): Promise<ExpiryRun> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const run: ExpiryRun = { customers: 0, points: 0 };
  const businesses = options.businessId ? [options.businessId] : (await db.business.findMany({ select: { id: true } })).map((b) => b.id);
  for (const businessId of businesses) {
    for (;;) {
      const due = await db.$queryRaw<{ customer_id: string }[]>(Prisma.sql`
        SELECT DISTINCT customer_id FROM point_lots
         WHERE business_id = ${businessId}::uuid AND NOT depleted AND expires_at <= ${now}
         LIMIT ${batchSize}`);
      if (due.length === 0) break;
      for (const { customer_id } of due) {
        const result = await writeLedger(db, jobActor(businessId), { op: "expire", customerId: customer_id, before: now, description: "Points expired" });
        if (result.entry) {
          run.customers++;
          run.points -= result.entry.points;
        }
      }
    }
  }
  return run;
}
