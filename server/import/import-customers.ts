// Customer import: a CSV of customers (email, phone, external id, name, birthday, opening
// balance, tier) into a business. Two passes over one session's temporary table:
//  1. check: every row is validated and staged (COPY), duplicates within the file and rows
//     naming two different existing customers are marked. Nothing is written to the business.
//     A dry run stops here; so does a real run with any invalid row, unless skipInvalid.
//  2. apply: the staged rows, a batch of lines per transaction, through ll_import_apply
//     (server/ledger/sql/ll-import.sql) on two connections (apply-staged-rows.ts), which
//     announces each batch with one customers.imported event rather than events per new customer. Opening balances are keyed per customer, so a re-run,
//     or a run after one that stopped half-way, posts each exactly once.
// The tier column is accepted and ignored (counted in the report): tiers follow points.
import type { Readable } from "node:stream";
import type { Db } from "../db/client";
import { rawPoolOf } from "../db/client";
import { applyStagedRows, OPENING_BALANCE_DESCRIPTION } from "./apply-staged-rows";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../actors/actor";
import type { RowError } from "./import-row";
import { dropTakenCodes, markDuplicates, markSameCustomer, MAX_LISTED_ERRORS, stageImportFile, STAGING_TABLE, type Progress } from "./stage-import-file";

// Lines per apply transaction (and per customers.imported event): big enough that a million
// rows send a few dozen events, small enough that a transaction stays seconds long.
export const BATCH_LINES = 50_000;

export { OPENING_BALANCE_DESCRIPTION };

export type ImportOptions = {
  dryRun: boolean;
  skipInvalid: boolean;
  totalBytes?: number;
  batchSize?: number;
  onProgress?: (progress: Progress) => void;
};

export type ImportReport = {
  dryRun: boolean;
  refused: boolean;
  rows: number;
  valid: number;
  invalid: number;
  // Dry run: what the run would do (matched = existing customers the rows name).
  matched: number;
  created: number;
  updated: number;
  balancesPosted: number;
  balancesAlreadyPosted: number;
  skipped: number;
  warnings: string[];
  errors: RowError[];
  errorsNotListed: number;
};

export async function importCustomers(db: Db, actor: Actor, source: Readable, options: ImportOptions): Promise<ImportReport> {
  const pool = rawPoolOf(db);
  if (!pool) throw new Error("importCustomers needs the root client (it runs its own transactions).");
  const onProgress = options.onProgress ?? (() => {});
  const client = await pool.connect();
  try {
    // A million rows take longer than a request may; this connection is the import's own.
    // Nor may a batch give up waiting on a customer the other connection holds (apply-staged-rows.ts).
    await client.query("SET statement_timeout = 0; SET lock_timeout = 0");
    // The duplicate checks sort the whole file by each identifier: in memory, not in temp files.
    await client.query("SET work_mem = '64MB'");
    await client.query(STAGING_TABLE);
    const staged = await stageImportFile(client, source, onProgress, options.totalBytes);
    await markDuplicates(client);
    await dropTakenCodes(client, actor.businessId);
    await client.query("SELECT ll_import_match($1, 0, 2147483647)", [actor.businessId]);
    await markSameCustomer(client);
    // Temporary tables get no statistics of their own: without them each batch's plan would
    // guess, and might scan the whole file's rows (or all customers) per batch.
    await client.query("ANALYZE import_rows");
    const db0 = await client.query<{ errors: string; matched: string }>(
      `SELECT count(*) FILTER (WHERE "error" IS NOT NULL) AS errors, count("customer_id") FILTER (WHERE "error" IS NULL) AS matched FROM import_rows`,
    );
    const dbErrors = Number(db0.rows[0]!.errors);
    const listed = await client.query<RowError>(
      `SELECT "line", "error_field" AS field, "error" AS reason FROM import_rows WHERE "error" IS NOT NULL ORDER BY "line" LIMIT ${MAX_LISTED_ERRORS}`,
    );
    const errors = [...staged.errors, ...listed.rows].sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_ERRORS);
    const invalid = staged.invalid + dbErrors;
    const totalErrors = staged.errorCount + dbErrors;
    const report: ImportReport = {
      dryRun: options.dryRun,
      refused: invalid > 0 && !options.skipInvalid,
      rows: staged.rows,
      valid: staged.rows - invalid,
      invalid,
      matched: Number(db0.rows[0]!.matched),
      created: 0,
      updated: 0,
      balancesPosted: 0,
      balancesAlreadyPosted: 0,
      skipped: options.skipInvalid ? invalid : 0,
      warnings: staged.tierIgnored
        ? [`The tier column was ignored on ${staged.tierIgnored} rows: tiers follow the points customers earn (the opening balance counts).`]
        : [],
      errors,
      errorsNotListed: Math.max(0, totalErrors - errors.length),
    };
    if (options.dryRun || report.refused) return report;

    await applyStagedRows(pool, client, actor, report, options.batchSize ?? BATCH_LINES, onProgress);
    await recordAudit(db, actor, {
      action: "customers.imported",
      details: { rows: report.rows, created: report.created, updated: report.updated, balancesPosted: report.balancesPosted, skipped: report.skipped },
    });
    return report;
  } finally {
    // Destroyed, not returned to the pool: the temporary tables and the setting go with it.
    client.release(true);
  }
}
