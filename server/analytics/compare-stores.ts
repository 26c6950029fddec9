// Stores side by side over a date range: what each earned and redeemed, in how many
// transactions, for how many customers. Every store of the business is listed (a closed one
// too, as long as it had entries in the range), busiest first. One aggregate over the range's
// entries that name a store, on the partial (business_id, store_id, created_at) index.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";

export type StoreFigures = {
  id: string;
  name: string;
  code: string;
  active: boolean;
  earned: number;
  redeemed: number;
  transactions: number;
  customers: number;
};

type Row = { id: string; name: string; code: string; active: boolean; earned: bigint; redeemed: bigint; transactions: bigint; customers: bigint };

export async function compareStores(db: DbOrTx, businessId: string, range: { start: Date; end: Date }): Promise<StoreFigures[]> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH moves AS (
      SELECT e.store_id, e.customer_id, e.points,
             CASE WHEN e.type = 'REVERSAL' THEN (SELECT o.type::text FROM ledger_entries o WHERE o.business_id = e.business_id AND o.id = e.reverses_entry_id)
                  ELSE e.type::text END AS kind,
             CASE WHEN e.type = 'REVERSAL' THEN -1 ELSE 1 END AS credit
        FROM ledger_entries e
       WHERE e.business_id = ${businessId}::uuid AND e.store_id IS NOT NULL AND e.created_at >= ${range.start} AND e.created_at < ${range.end})
    SELECT s.id, s.name, s.code, s.active,
           coalesce(sum(m.points) FILTER (WHERE m.kind = 'AWARD' OR (m.kind = 'ADJUST' AND sign(m.points) = m.credit)), 0) AS earned,
           coalesce(-sum(m.points) FILTER (WHERE m.kind = 'REDEEM'), 0) AS redeemed,
           count(m.store_id) AS transactions,
           count(DISTINCT m.customer_id) AS customers
      FROM stores s LEFT JOIN moves m ON m.store_id = s.id
     WHERE s.business_id = ${businessId}::uuid
     GROUP BY s.id, s.name, s.code, s.active
    HAVING s.active OR count(m.store_id) > 0
     ORDER BY count(m.store_id) DESC, s.name, s.id`);
  return rows.map((r) => ({
    id: r.id, name: r.name, code: r.code, active: r.active,
    earned: Number(r.earned), redeemed: Number(r.redeemed), transactions: Number(r.transactions), customers: Number(r.customers),
  }));
}
