// Balances as every read shows them: the cached customers.balance minus the points whose lot has
// passed its expiry but which no write or expiry run has taken out yet. Every ledger write
// expires due points first (ledger_write), so the cache is exact right after a write; between
// writes only the clock moves it, and these reads follow the clock to the second. The expiry
// job still writes the EXPIRE entries that history shows.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";

// Points past their expiry still counted in each customer's cached balance; customers with
// none are absent. One query on the open-lot index, however many customers.
export async function duePoints(db: DbOrTx, businessId: string, customerIds: string[]): Promise<Map<string, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ customer_id: string; due: number }[]>(Prisma.sql`
    SELECT customer_id, sum(remaining)::int AS due FROM point_lots
     WHERE business_id = ${businessId}::uuid AND customer_id = ANY(${customerIds}::uuid[]) AND NOT depleted AND expires_at <= now()
     GROUP BY customer_id`);
  return new Map(rows.map((r) => [r.customer_id, Number(r.due)]));
}

// The same rows with balances as of now.
export async function withLiveBalances<T extends { id: string; balance: number }>(db: DbOrTx, businessId: string, rows: T[]): Promise<T[]> {
  const due = await duePoints(db, businessId, rows.map((r) => r.id));
  if (due.size === 0) return rows;
  return rows.map((row) => (due.has(row.id) ? { ...row, balance: row.balance - due.get(row.id)! } : row));
}

export async function withLiveBalance<T extends { id: string; balance: number }>(db: DbOrTx, businessId: string, row: T): Promise<T> {
  return (await withLiveBalances(db, businessId, [row]))[0]!;
}
