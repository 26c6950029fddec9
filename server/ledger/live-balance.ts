// Balances as every read shows them: the cached customers.balance minus the points whose lot has
// passed its expiry, plus pending points whose time has come, though no write or job has moved
// them yet. Every ledger write releases and expires first (ledger_write), so the cache is exact
// right after a write; between writes only the clock moves it, and these reads follow the clock
// to the second. The jobs still write the EXPIRE entries and points.available events.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";

// Each customer's balance as of now, read in one statement (one snapshot): the cached balance
// and the lots must come from the same moment, or a write moving them in between would be
// counted twice or not at all. Index probes per customer (open lots by expiry, pending lots).
export async function liveBalances(db: DbOrTx, businessId: string, customerIds: string[]): Promise<Map<string, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; balance: number }[]>(Prisma.sql`
    SELECT c.id, c.balance
             - (SELECT coalesce(sum(l.remaining), 0)::int FROM point_lots l
                 WHERE l.business_id = c.business_id AND l.customer_id = c.id AND NOT l.depleted AND l.expires_at <= now())
             + (SELECT coalesce(sum(l.remaining), 0)::int FROM point_lots l
                 WHERE l.business_id = c.business_id AND l.customer_id = c.id AND l.pending AND l.available_at <= now()) AS balance
      FROM customers c
     WHERE c.business_id = ${businessId}::uuid AND c.id = ANY(${customerIds}::uuid[])`);
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
