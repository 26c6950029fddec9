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
export const STAGING_TABLE = `CREATE TEMP TABLE import_rows (
  "line" int PRIMARY KEY, "email" text, "phone" text, "external_id" text, "name" text, "birthday" date,
  "opening" int NOT NULL, "customer_id" uuid, "new_id" uuid NOT NULL DEFAULT uuidv7(), "entry_id" uuid NOT NULL DEFAULT uuidv7(),
  "error_field" text, "error" text)`;

// COPY's CSV format: every value quoted, so an unquoted empty field is NULL.
const csvValue = (v: string | number | null) => (v === null ? "" : `"${String(v).replace(/"/g, '""')}"`);

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
  // memory (hundreds of MB); no real customer row comes near 64 KB.
  const parser = parse({ info: true, bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
  // Rows go to COPY in chunks of about 64 KB: one CopyData message per row cost more than the row.
  async function* check(records: AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
    for await (const { record, info } of records) {
      if (!columns) {
        const header = readHeader(record);
        if (header.problems.length) throw new AppError("VALIDATION_ERROR", `The file's header is not usable: ${header.problems.join("; ")}.`);
        columns = header.columns;
        continue;
      }
      result.rows++;
      const { row, errors } = readRow(info.lines, columns, record);
      if (!row) {
        result.invalid++;
        result.errorCount += errors.length;
        for (const error of errors) if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push(error);
      } else {
        result.staged++;
        if (row.tier !== null) result.tierIgnored++;
        chunk += [info.lines, row.email, row.phone, row.externalId, row.name, row.birthday, row.opening].map(csvValue).join(",") + "\n";
        if (chunk.length >= COPY_CHUNK_CHARS) {
          yield chunk;
          chunk = "";
        }
      }
      if (result.rows % 5_000 === 0) onProgress({ phase: "checking", rows: result.rows, bytes: info.bytes, totalBytes });
    }
    if (chunk) yield chunk;
  }
  const copy = client.query(copyFrom(`COPY import_rows ("line", "email", "phone", "external_id", "name", "birthday", "opening") FROM STDIN (FORMAT csv)`));
  try {
    await pipeline(source, parser, check, copy);
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
export async function markDuplicates(client: pg.PoolClient): Promise<void> {
  for (const [column, label] of [["email", "email"], ["phone", "phone"], ["external_id", "external_id"]] as const) {
    await client.query(`
      UPDATE import_rows s SET "error_field" = '${label}', "error" = 'repeats line ' || d."first"
        FROM (SELECT "line", min("line") OVER (PARTITION BY "${column}") AS "first" FROM import_rows WHERE "${column}" IS NOT NULL) d
       WHERE s."line" = d."line" AND d."first" < d."line" AND s."error" IS NULL`);
  }
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
