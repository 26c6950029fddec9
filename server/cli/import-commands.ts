// `import customers` and `export ledger`: thin adapters over server/import. The import's
// report is JSON on stdout (for scripts); progress and sentences go to stderr.
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { cliActor } from "../actors/actor";
import { AppError } from "../errors";
import type { Db } from "../db/client";
import { withDatabase } from "../db/with-database";
import { exportLedger } from "../import/export-ledger";
import { importCustomers } from "../import/import-customers";
import type { Progress } from "../import/stage-import-file";
import { required, UsageError, type Command } from "./commands-base";

export async function businessActor(db: Db, slug: string) {
  const business = await db.business.findUnique({ where: { slug } });
  if (!business) throw new AppError("NOT_FOUND", `No business with the slug "${slug}".`);
  return cliActor(business.id);
}

// At most a few lines a second, overwriting itself on a terminal.
function progressLine(): (p: Progress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    const share = p.phase === "checking" ? (p.totalBytes && p.bytes !== undefined ? p.bytes / p.totalBytes : undefined) : p.totalRows ? p.rows / p.totalRows : undefined;
    const text = `${p.phase}: ${p.rows.toLocaleString("en")} rows${share === undefined ? "" : ` (${Math.floor(share * 100)}%)`}`;
    process.stderr.write(process.stderr.isTTY ? `\r${text}\x1b[K` : `${text}\n`);
  };
}

export const importCommands: Command[] = [
  {
    name: "import customers",
    usage: "import customers --business <slug> --file <customers.csv> [--dry-run] [--skip-invalid]",
    summary: "Import customers (and opening balances) from CSV; idempotent, so running a file again changes nothing.",
    help: [
      "Columns (header row; any order; case, spaces and underscores ignored): email, phone, external_id, name,",
      "birthday (YYYY-MM-DD), opening_balance (or balance), tier (ignored: tiers follow points).",
      "Each row needs an email, phone or external id. A row naming an existing customer updates the fields it",
      "gives. An opening balance is posted once per customer (an ADJUST entry), never again on a re-run.",
      "--dry-run checks every row and reports errors (line, field, reason) without writing anything.",
      "Without --skip-invalid, any invalid row refuses the whole import (exit 1, nothing written).",
    ].join("\n"),
    options: { business: { type: "string" }, file: { type: "string" }, "dry-run": { type: "boolean" }, "skip-invalid": { type: "boolean" } },
    run: async ({ values, out }) => {
      const slug = required(values, "business");
      const file = required(values, "file");
      let totalBytes: number;
      try {
        totalBytes = statSync(file).size;
      } catch {
        throw new UsageError(`Can't read the file "${file}".`);
      }
      const report = await withDatabase(async (db) =>
        importCustomers(db, await businessActor(db, slug), createReadStream(file), {
          dryRun: values["dry-run"] === true,
          skipInvalid: values["skip-invalid"] === true,
          totalBytes,
          onProgress: progressLine(),
        }),
      );
      if (process.stderr.isTTY) process.stderr.write("\n");
      out(JSON.stringify(report, null, 2));
      if (report.refused) {
        throw new AppError("VALIDATION_ERROR", `${report.invalid} of ${report.rows} rows are invalid (listed in the report); nothing was imported. Fix them, or pass --skip-invalid to import the rest.`);
      }
    },
  },
  {
    name: "export ledger",
    usage: "export ledger --business <slug> --from YYYY-MM-DD --to YYYY-MM-DD [--file <out.csv>]",
    summary: "Write the ledger entries of a date range (UTC days, both included) as CSV, to a file or stdout.",
    options: { business: { type: "string" }, from: { type: "string" }, to: { type: "string" }, file: { type: "string" } },
    run: async ({ values }) => {
      const slug = required(values, "business");
      const input = { from: required(values, "from"), to: required(values, "to") };
      const target = typeof values.file === "string" ? createWriteStream(values.file) : process.stdout;
      await withDatabase(async (db) => exportLedger(db, await businessActor(db, slug), input, target));
      if (target !== process.stdout) await new Promise<void>((resolve, reject) => target.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
  },
];
