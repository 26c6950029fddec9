// Balances as every read shows them: the cached customers.balance minus the points whose lot has
// passed its expiry but which no write or expiry run has taken out yet. Every ledger write
// expires due points first (ledger_write), so the cache is exact right after a write; between
// writes only the clock moves it, and these reads follow the clock to the second. The expiry
// job still writes the EXPIRE entries that history shows.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";

// Each customer's balance as of now, read in one statement (one snapshot): the cached balance
// and the points past their date must come from the same moment, or a write expiring them in
// between would be counted twice or not at all. One index probe per customer.
export async function liveBalances(db: DbOrTx, businessId: string, customerIds: string[]): Promise<Map<string, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; balance: number }[]>(Prisma.sql`
    SELECT c.id, c.balance - coalesce(sum(l.remaining), 0)::int AS balance
      FROM customers c
      LEFT JOIN point_lots l ON l.business_id = c.business_id AND l.customer_id = c.id AND NOT l.depleted AND l.expires_at <= now()
     WHERE c.business_id = ${businessId}::uuid AND c.id = ANY(${customerIds}::uuid[])
     GROUP BY c.business_id, c.id`);
  return new Map(rows.map((r) => [r.id, Number(r.balance)]));
}

// The same rows with balances as of now.
export async function withLiveBalances<T extends { id: string; balance: number }>(db: DbOrTx, businessId: string, rows: T[]): Promise<T[]> {
  const live = await liveBalances(db, businessId, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, balance: live.get(row.id) ?? row.balance }));
}

export async function withLiveBalance<T extends { id: string; balance: number }>(db: DbOrTx, businessId: string, row: T): Promise<T> {
  return (await withLiveBalances(db, businessId, [row]))[0]!;
}
