// Second pass of an import: the checked rows into the business, a batch of lines per
// transaction through ll_import_apply (server/ledger/sql/ll-import.sql), on two connections at
// once. Batches are independent: the check made every email, phone and external id unique in
// the file and let no two rows name one existing customer, so two batches never touch the same
// customer or index key. Postgres spends its time per row (inserts, index entries, checks) on
// one core per connection; a second connection halved a million-row apply on two cores.
// The second connection gets its half of the staged rows (every other batch) copied over from
// the first's temporary table.
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { Actor } from "../actors/actor";
import { AppError } from "../errors";
import { STAGING_TABLE, type Progress } from "./stage-import-file";

export const OPENING_BALANCE_DESCRIPTION = "Opening balance (import)";

// Connections applying batches side by side: the most that helps on a two-core database.
const APPLY_CONNECTIONS = 2;

export type ApplyTotals = { created: number; updated: number; balancesPosted: number; balancesAlreadyPosted: number; skipped: number };
type BatchResult = { created: number; updated: number; posted: number; alreadyPosted: number; conflicts: number };

export async function applyStagedRows(
  pool: pg.Pool,
  client: pg.PoolClient,
  actor: Actor,
  totals: ApplyTotals,
  batchSize: number,
  onProgress: (p: Progress) => void,
): Promise<void> {
  const range = await client.query<{ first: number | null; last: number | null }>(`SELECT min("line") AS first, max("line") AS last FROM import_rows WHERE "error" IS NULL`);
  const { first, last } = range.rows[0]!;
  if (first === null || last === null) return;
  const totalRows = last - first + 1;
  onProgress({ phase: "importing", rows: 0, totalRows });
  const batches: { from: number; to: number }[] = [];
  for (let from = first; from <= last; from += batchSize) batches.push({ from, to: Math.min(last, from + batchSize - 1) });

  const req = { actorType: actor.type, actorId: actor.id, staffName: actor.staffName ?? null, source: actor.source, requestId: actor.requestId ?? null, description: OPENING_BALANCE_DESCRIPTION };
  let done = 0;
  let failed = false;
  const applyBatches = async (connection: pg.PoolClient, lane: number) => {
    for (let i = lane; i < batches.length && !failed; i += APPLY_CONNECTIONS) {
      const { from, to } = batches[i]!;
      await connection.query("BEGIN");
      try {
        const { rows } = await connection.query<{ r: BatchResult }>("SELECT ll_import_apply($1, $2, $3, $4) AS r", [actor.businessId, req, from, to]);
        await connection.query("COMMIT");
        const r = rows[0]!.r;
        totals.created += r.created;
        totals.updated += r.updated;
        totals.balancesPosted += r.posted;
        totals.balancesAlreadyPosted += r.alreadyPosted;
        totals.skipped += r.conflicts;
      } catch (error) {
        failed = true;
        await connection.query("ROLLBACK").catch(() => {});
        if (error instanceof AppError) throw error;
        throw new AppError("INTERNAL", `The import stopped at lines ${from}-${to} (${(error as Error).message}). Other batches of lines are imported; running the same file again finishes it.`);
      }
      done += to - from + 1;
      onProgress({ phase: "importing", rows: done, totalRows });
    }
  };

  const lanes: pg.PoolClient[] = [];
  try {
    // One more connection when the pool can spare it; else the import takes longer, alone.
    for (let lane = 1; lane < Math.min(APPLY_CONNECTIONS, batches.length, pool.options.max ?? 1); lane++) {
      const other = await pool.connect().catch(() => null);
      if (!other) break;
      lanes.push(other);
      await other.query("SET statement_timeout = 0");
      await other.query(STAGING_TABLE);
      // Same table definition on both sides, so COPY's default text format carries every column.
      const parity = `(("line" - ${first}) / ${batchSize}) % ${APPLY_CONNECTIONS} = ${lane}`;
      await pipeline(
        client.query(copyTo(`COPY (SELECT * FROM import_rows WHERE "error" IS NULL AND ${parity}) TO STDOUT`)),
        other.query(copyFrom("COPY import_rows FROM STDIN")),
      );
      await other.query("ANALYZE import_rows");
    }
    const outcomes = await Promise.allSettled([applyBatches(client, 0), ...lanes.map((other, i) => applyBatches(other, i + 1))]);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (rejected) throw rejected.reason;
  } finally {
    // Destroyed, not returned to the pool: its temporary table goes with it.
    for (const other of lanes) other.release(true);
  }
}
