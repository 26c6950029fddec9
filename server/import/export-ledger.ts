// The ledger of a business for a date range as CSV, streamed: COPY ... TO STDOUT on one
// connection, so any number of entries goes out in bounded memory. It is the owner's own
// export, so customers' email and name are in it (an erased customer's are already gone).
import type { Writable } from "node:stream";
import { z } from "zod";
import type { Db } from "../db/client";
import type { Actor } from "../actors/actor";
import { businessLiteral, copyCsvOut, defused, isoInstant } from "./copy-csv-out";

const day = z.iso.date("must be a date as YYYY-MM-DD");
export const exportLedgerInput = z
  .object({ from: day, to: day })
  .refine((v) => v.from <= v.to, { message: "must not be before from", path: ["to"] });

export const LEDGER_COLUMNS = [
  "entry_id", "created_at", "type", "points", "balance_after", "customer_id", "customer_email", "customer_name",
  "customer_external_id", "description", "reference", "store_code", "actor_type", "staff_name", "source", "expires_at", "reverses_entry_id",
] as const;

// Days are UTC days, from the first moment of `from` to the end of `to`.
export async function exportLedger(db: Db, actor: Actor, input: z.input<typeof exportLedgerInput>, out: Writable): Promise<void> {
  const { from, to } = exportLedgerInput.parse(input);
  const select = `
    SELECT e."id", ${isoInstant('e."created_at"')}, e."type", e."points", e."balance_after",
           e."customer_id", ${defused('c."email"')}, ${defused('c."name"')}, ${defused('c."external_id"')}, ${defused('e."description"')},
           ${defused('e."reference"')}, ${defused('s."code"')}, e."actor_type", ${defused('e."staff_name"')}, e."source", ${isoInstant('e."expires_at"')}, e."reverses_entry_id"
      FROM "ledger_entries" e
      JOIN "customers" c ON c."business_id" = e."business_id" AND c."id" = e."customer_id"
      LEFT JOIN "stores" s ON s."business_id" = e."business_id" AND s."id" = e."store_id"
     WHERE e."business_id" = ${businessLiteral(actor)}
       AND e."created_at" >= '${from}'::date::timestamp AT TIME ZONE 'UTC' AND e."created_at" < ('${to}'::date + 1)::timestamp AT TIME ZONE 'UTC'
     ORDER BY e."created_at", e."id"`;
  await copyCsvOut(db, LEDGER_COLUMNS, select, out);
}
