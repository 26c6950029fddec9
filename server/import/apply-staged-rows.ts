// Second pass of an import: the checked rows into the business, a batch of lines per
// transaction through ll_import_apply (server/ledger/sql/ll-import.sql), on two connections at
// once. Batches are independent: the check made every email, phone and external id unique in
// the file and let no two rows name one existing customer. Postgres spends its time per row
// (inserts, index entries, checks) on one core per connection; a second connection cut a
// million-row apply from 75 s to 47 s on two cores. The lanes can still meet on an existing
// customer (one row takes a phone another row frees, someone enrolling mid-import is matched
// by both): then one waits for the other's commit (no lock timeout here), and a deadlock fails
// a batch, which running the file again finishes. The second connection gets its half of the
// staged rows (every other batch) copied over from the first's temporary table.
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
    for (let i = lane; i < batches.length && !failed; i += lanes.length + 1) {
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
        throw new AppError("INTERNAL", `The import stopped at lines ${from}-${to} (${(error as Error).message}). Batches committed before it stay imported; running the same file again finishes it.`);
      }
      done += to - from + 1;
      onProgress({ phase: "importing", rows: done, totalRows });
    }
  };

  const lanes: pg.PoolClient[] = [];
  try {
    // A second connection only from a pool of three or more: a smaller one is the web server's
    // or the worker's, and its requests would wait behind the import.
    for (let lane = 1; lane < Math.min(APPLY_CONNECTIONS, batches.length) && (pool.options.max ?? 0) >= 3; lane++) {
      const other = await pool.connect().catch(() => null);
      if (!other) break;
      try {
        await other.query("SET statement_timeout = 0; SET lock_timeout = 0");
        await other.query(STAGING_TABLE);
        // Same table definition on both sides, so COPY's default text format carries every column.
        const parity = `(("line" - ${first}) / ${batchSize}) % ${APPLY_CONNECTIONS} = ${lane}`;
        await pipeline(
          client.query(copyTo(`COPY (SELECT * FROM import_rows WHERE "error" IS NULL AND ${parity}) TO STDOUT`)),
          other.query(copyFrom("COPY import_rows FROM STDIN")),
        );
        await other.query("ANALYZE import_rows");
        lanes.push(other);
      } catch {
        // Without it the import is slower, not wrong: the first connection applies every batch.
        other.release(true);
        break;
      }
    }
    const outcomes = await Promise.allSettled([applyBatches(client, 0), ...lanes.map((other, i) => applyBatches(other, i + 1))]);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (rejected) throw rejected.reason;
  } finally {
    // Destroyed, not returned to the pool: its temporary table goes with it.
    for (const other of lanes) other.release(true);
  }
}
