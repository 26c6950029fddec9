// The ledger of a business for a date range as CSV, streamed: COPY ... TO STDOUT on one
// connection, so any number of entries goes out in bounded memory. It is the owner's own
// export, so customers' email and name are in it (an erased customer's are already gone).
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { to as copyTo } from "pg-copy-streams";
import type { Db } from "../db/client";
import { rawPoolOf } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";

const day = z.iso.date("must be a date as YYYY-MM-DD");
export const exportLedgerInput = z
  .object({ from: day, to: day })
  .refine((v) => v.from <= v.to, { message: "must not be before from", path: ["to"] });

export const LEDGER_COLUMNS = [
  "entry_id", "created_at", "type", "points", "balance_after", "customer_id", "customer_email", "customer_name",
  "customer_external_id", "description", "reference", "store_code", "actor_type", "staff_name", "source", "expires_at", "reverses_entry_id",
] as const;

// Text a person typed (a name, a description) could start a spreadsheet formula when the file is
// opened: defused with a leading quote, as the customers export does (=, +, -, @, tab, CR).
const text = (column: string) => `CASE WHEN ${column} ~ '^[=+\\-@\\t\\r]' THEN '''' || ${column} ELSE ${column} END`;

// Days are UTC days, from the first moment of `from` to the end of `to`.
export async function exportLedger(db: Db, actor: Actor, input: z.input<typeof exportLedgerInput>, out: Writable): Promise<void> {
  const { from, to } = exportLedgerInput.parse(input);
  const pool = rawPoolOf(db);
  if (!pool) throw new Error("exportLedger needs the root client.");
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL statement_timeout = 0");
    // Parameters can't go into COPY: the values are a checked UUID and checked dates.
    if (!z.uuid().safeParse(actor.businessId).success) throw new AppError("NOT_FOUND", "No such business.");
    const sql = `COPY (
      SELECT e."id", to_char(e."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e."type", e."points", e."balance_after",
             e."customer_id", ${text('c."email"')}, ${text('c."name"')}, ${text('c."external_id"')}, ${text('e."description"')},
             ${text('e."reference"')}, ${text('s."code"')}, e."actor_type", ${text('e."staff_name"')}, e."source", to_char(e."expires_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e."reverses_entry_id"
        FROM "ledger_entries" e
        JOIN "customers" c ON c."business_id" = e."business_id" AND c."id" = e."customer_id"
        LEFT JOIN "stores" s ON s."business_id" = e."business_id" AND s."id" = e."store_id"
       WHERE e."business_id" = '${actor.businessId}'
         AND e."created_at" >= '${from}'::date AT TIME ZONE 'UTC' AND e."created_at" < ('${to}'::date + 1) AT TIME ZONE 'UTC'
       ORDER BY e."created_at", e."id"
    ) TO STDOUT (FORMAT csv, HEADER false)`;
    out.write(LEDGER_COLUMNS.join(",") + "\n");
    await pipeline(client.query(copyTo(sql)), out, { end: false });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
