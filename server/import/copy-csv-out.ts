// The exports' shared streaming: a header line, then COPY (...) TO STDOUT as CSV on one
// connection in a read-only transaction, so any number of rows goes out in bounded memory and
// from one snapshot. Parameters can't go into COPY, so every caller builds its SQL from checked
// values only (a UUID, ISO dates) and says so.
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { to as copyTo } from "pg-copy-streams";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import { rawPoolOf, type Db } from "../db/client";
import { AppError } from "../errors";

// Text someone sent or typed (a name, a description) could start a spreadsheet formula when the
// file is opened: defused with a leading quote, as the customers export does (=, +, -, @, tab, CR).
export const defused = (column: string) => `CASE WHEN ${column} ~ '^[=+\\-@\\t\\r]' THEN '''' || ${column} ELSE ${column} END`;
export const isoInstant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The business id as a literal for COPY's SQL: checked to be a UUID first.
export function businessLiteral(actor: Actor): string {
  if (!z.uuid().safeParse(actor.businessId).success) throw new AppError("NOT_FOUND", "No such business.");
  return `'${actor.businessId}'`;
}

export async function copyCsvOut(db: Db, columns: readonly string[], select: string, out: Writable): Promise<void> {
  const pool = rawPoolOf(db);
  if (!pool) throw new Error("An export needs the root client.");
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL statement_timeout = 0");
    out.write(columns.join(",") + "\n");
    await pipeline(client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT csv, HEADER false)`)), out, { end: false });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
