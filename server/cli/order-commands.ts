// `export orders`: a thin adapter over server/orders/export-orders.ts.
import { createWriteStream } from "node:fs";
import { withDatabase } from "../db/with-database";
import { exportOrders, exportOrdersInput } from "../orders/export-orders";
import { required, type Command } from "./commands-base";
import { businessActor } from "./import-commands";

const optional = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

export const orderCommands: Command[] = [
  {
    name: "export orders",
    usage: "export orders --business <slug> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--file <out.csv>]",
    summary: "Write the orders placed in a date range (UTC days, both included; all when left out) as CSV, one row per order line, to a file or stdout.",
    help: [
      "One row per order line; the order's columns (customer, totals, points awarded / refunded / unrecovered)",
      "repeat on each of its lines, so sum an order column over the rows with line = 1.",
    ].join("\n"),
    options: { business: { type: "string" }, from: { type: "string" }, to: { type: "string" }, file: { type: "string" } },
    run: async ({ values }) => {
      const slug = required(values, "business");
      // Checked before the file is created: a typo in a date leaves nothing behind.
      const input = exportOrdersInput.parse({ from: optional(values.from), to: optional(values.to) });
      const target = typeof values.file === "string" ? createWriteStream(values.file) : process.stdout;
      await withDatabase(async (db) => exportOrders(db, await businessActor(db, slug), input, target));
      if (target !== process.stdout) await new Promise<void>((resolve, reject) => target.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
  },
];
