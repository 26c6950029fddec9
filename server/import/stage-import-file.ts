// First pass of an import: stream the CSV through csv-parse, check each row, and COPY the
// valid ones into the session's temporary table import_rows. Memory stays bounded whatever
// the file's size: rows flow through with backpressure, and only the first errors are kept.
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { AppError } from "../errors";
import { readHeader, readRow, type ImportField, type RowError } from "./import-row";

const MAX_RECORD_BYTES = 64 * 1024;
const COPY_CHUNK_CHARS = 64 * 1024;

export const MAX_LISTED_ERRORS = 1_000;

export type StageResult = { rows: number; staged: number; invalid: number; tierIgnored: number; errorCount: number; errors: RowError[] };
export type Progress = { phase: "checking" | "importing"; rows: number; bytes?: number; totalBytes?: number; totalRows?: number };

// The ids a new customer and its opening entry get are time-ordered (UUIDv7), drawn in line
// order: a million of them then go into the customers, entries, lots and keys indexes at their
// right-hand edge, not into random pages all over indexes bigger than the cache (which made
// every insert a page read, and every first write after a checkpoint a full-page image).
// A new customer's referral code is drawn here too, while Node parses the next rows, rather than
// by the customers trigger (a function call and two lookups per row, a sixth of the insert).
export const STAGING_TABLE = `CREATE TEMP TABLE import_rows (
  "line" int PRIMARY KEY, "email" text COLLATE pg_c_utf8, "phone" text COLLATE pg_c_utf8, "external_id" text COLLATE pg_c_utf8,
  "name" text, "birthday" date, "opening" int NOT NULL, "customer_id" uuid,
  "new_id" uuid NOT NULL DEFAULT uuidv7(), "entry_id" uuid NOT NULL DEFAULT uuidv7(), "referral_code" text COLLATE pg_c_utf8 DEFAULT ll_random_referral_code(),
  "error_field" text, "error" text)`;

// COPY's CSV format: every value quoted, so an unquoted empty field is NULL.
const csvValue = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? String(v) : `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`);

export async function stageImportFile(
  client: pg.PoolClient,
  source: Readable,
  onProgress: (p: Progress) => void,
  totalBytes?: number,
): Promise<StageResult> {
  const result: StageResult = { rows: 0, staged: 0, invalid: 0, tierIgnored: 0, errorCount: 0, errors: [] };
  let columns: (ImportField | null)[] | undefined;
  let chunk = "";
  // max_record_size: a stray quote would otherwise make the rest of the file one record held in
  // memory (hundreds of MB); no real customer row comes near 64 KB. Line numbers are counted
  // here, not with csv-parse's info option: that builds an object per record, a sixth of the
  // whole check. Empty lines come through as one empty field and are skipped here.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: MAX_RECORD_BYTES });
  let bytes = 0;
  async function* countBytes(chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  let line = 0;
  // Rows go to COPY in chunks of about 64 KB: one CopyData message per row cost more than the row.
  async function* check(records: AsyncIterable<string[]>) {
    for await (const record of records) {
      // The record's last line: a quoted value may hold line breaks.
      line++;
      for (const value of record) for (let at = value.indexOf("\n"); at !== -1; at = value.indexOf("\n", at + 1)) line++;
      if (record.length === 1 && record[0] === "") continue;
      if (!columns) {
        const header = readHeader(record);
        if (header.problems.length) throw new AppError("VALIDATION_ERROR", `The file's header is not usable: ${header.problems.join("; ")}.`);
        columns = header.columns;
        continue;
      }
      result.rows++;
      const { row, errors } = readRow(line, columns, record);
      if (!row) {
        result.invalid++;
        result.errorCount += errors.length;
        for (const error of errors) if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push(error);
      } else {
        result.staged++;
        if (row.tier !== null) result.tierIgnored++;
        chunk += [line, row.email, row.phone, row.externalId, row.name, row.birthday, row.opening].map(csvValue).join(",") + "\n";
        if (chunk.length >= COPY_CHUNK_CHARS) {
          yield chunk;
          chunk = "";
        }
      }
      if (result.rows % 5_000 === 0) onProgress({ phase: "checking", rows: result.rows, bytes, totalBytes });
    }
    if (chunk) yield chunk;
  }
  const copy = client.query(copyFrom(`COPY import_rows ("line", "email", "phone", "external_id", "name", "birthday", "opening") FROM STDIN (FORMAT csv)`));
  try {
    await pipeline(source, countBytes, parser, check, copy);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // csv-parse's own errors (an unclosed quote) name the line; they are the file's fault.
    if ((error as { code?: string }).code?.startsWith("CSV_")) throw new AppError("VALIDATION_ERROR", `The file is not valid CSV: ${(error as Error).message}`);
    throw error;
  }
  if (!columns) throw new AppError("VALIDATION_ERROR", "The file is empty: it needs a header row and at least one customer.");
  onProgress({ phase: "checking", rows: result.rows, bytes: totalBytes, totalBytes });
  return result;
}

// Rows that repeat an identifier of an earlier line: the first stands, the later ones are
// errors (the same person twice in one file is a mistake to fix, not to guess about).
// Most files have none: a unique index built and dropped says so at about half the cost of the
// windowed update, which then runs only for a column the index found repeated.
export async function markDuplicates(client: pg.PoolClient): Promise<void> {
  for (const [column, label] of [["email", "email"], ["phone", "phone"], ["external_id", "external_id"]] as const) {
    try {
      await client.query(`CREATE UNIQUE INDEX import_rows_unique ON import_rows ("${column}")`);
      await client.query("DROP INDEX import_rows_unique");
      continue;
    } catch (error) {
      if ((error as { code?: string }).code !== "23505") throw error;
    }
    await client.query(`
      UPDATE import_rows s SET "error_field" = '${label}', "error" = 'repeats line ' || d."first"
        FROM (SELECT "line", min("line") OVER (PARTITION BY "${column}") AS "first" FROM import_rows WHERE "${column}" IS NOT NULL) d
       WHERE s."line" = d."line" AND d."first" < d."line" AND s."error" IS NULL`);
  }
}

// Codes drawn twice in one file (at a million rows, about an even chance of one pair), or taken
// by a customer or referral of the business, are dropped: the customers trigger draws those few
// again one by one. Checked here for the whole file at once (a hash join), not per row as the
// trigger would. A code someone takes during the import makes its batch fall back to the
// trigger's codes (ll_import_apply).
export async function dropTakenCodes(client: pg.PoolClient, businessId: string): Promise<void> {
  await client.query(
    `UPDATE import_rows s SET "referral_code" = NULL
      WHERE s."referral_code" IN (SELECT "referral_code" FROM import_rows GROUP BY "referral_code" HAVING count(*) > 1)
         OR s."referral_code" IN (SELECT "referral_code" FROM "customers" WHERE "business_id" = $1 AND "referral_code" IS NOT NULL)
         OR s."referral_code" IN (SELECT "code" FROM "referrals" WHERE "business_id" = $1)`,
    [businessId],
  );
}

// Rows that name the same existing customer by different identifiers (one by email, one by
// phone): the first stands, the later ones are errors, as for a repeated identifier (its opening
// balance would otherwise be dropped silently: an opening is posted once per customer).
export async function markSameCustomer(client: pg.PoolClient): Promise<void> {
  await client.query(`
    UPDATE import_rows s SET "error_field" = 'row', "error" = 'names the same customer as line ' || d."first"
      FROM (SELECT "line", min("line") OVER (PARTITION BY "customer_id") AS "first" FROM import_rows
             WHERE "customer_id" IS NOT NULL AND "error" IS NULL) d
     WHERE s."line" = d."line" AND d."first" < d."line"`);
}
