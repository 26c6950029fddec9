// A business's orders as CSV, streamed like the ledger export (COPY ... TO STDOUT on one
// connection, bounded memory for any number of orders). One row per order LINE, the order's
// columns repeated on each of its lines: the points each line earned are the point of the file.
// Summing an order column (total, points_awarded, ...) over the file counts an order once per
// line: sum it over distinct order_id, or over the rows with line = 1.
// Days are UTC days of placed_at, both included; without from/to, from the first / to the last.
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { to as copyTo } from "pg-copy-streams";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import type { Db } from "../db/client";
import { rawPoolOf } from "../db/client";
import { AppError } from "../errors";
import { orderRangeShape } from "./order-schemas";

export const exportOrdersInput = z
  .object(orderRangeShape)
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "must not be before from", path: ["to"] });

export const ORDER_COLUMNS = [
  "order_id", "order_external_id", "placed_at", "status", "currency", "customer_id", "customer_email", "customer_name", "customer_external_id",
  "store_code", "subtotal", "discount", "shipping", "tax", "total", "amount_refunded", "eligible_amount", "points", "points_awarded",
  "points_refunded", "points_unrecovered", "referral_code", "line", "product_external_id", "quantity", "unit_price", "line_total",
  "excluded", "line_eligible_amount", "line_points", "quantity_refunded",
] as const;

// Text someone sent or typed could start a spreadsheet formula: defused with a leading quote,
// as in the ledger and customers exports.
const text = (column: string) => `CASE WHEN ${column} ~ '^[=+\\-@\\t\\r]' THEN '''' || ${column} ELSE ${column} END`;
const instant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function exportOrders(db: Db, actor: Actor, input: z.input<typeof exportOrdersInput>, out: Writable): Promise<void> {
  const { from, to } = exportOrdersInput.parse(input);
  const pool = rawPoolOf(db);
  if (!pool) throw new Error("exportOrders needs the root client.");
  // Parameters can't go into COPY: the values are a checked UUID and checked dates.
  if (!z.uuid().safeParse(actor.businessId).success) throw new AppError("NOT_FOUND", "No such business.");
  const range = [from && `o."placed_at" >= '${from}'::date AT TIME ZONE 'UTC'`, to && `o."placed_at" < ('${to}'::date + 1) AT TIME ZONE 'UTC'`].filter(Boolean);
  const sql = `COPY (
    SELECT o."id", ${text('o."external_id"')}, ${instant('o."placed_at"')}, o."status", o."currency", o."customer_id",
           ${text('c."email"')}, ${text('c."name"')}, ${text('c."external_id"')}, ${text('s."code"')},
           o."subtotal", o."discount", o."shipping", o."tax", o."subtotal" - o."discount" + o."shipping" + o."tax", o."amount_refunded",
           o."eligible_amount", o."points", o."points_awarded", o."points_refunded", o."points_unrecovered", ${text('o."referral_code"')},
           i."position" + 1, ${text('i."product_external_id"')}, i."quantity", i."unit_price", i."line_total",
           CASE WHEN i."excluded" THEN 'true' ELSE 'false' END, i."eligible_amount", i."points", i."quantity_refunded"
      FROM "orders" o
      JOIN "order_items" i ON i."business_id" = o."business_id" AND i."order_id" = o."id"
      JOIN "customers" c ON c."business_id" = o."business_id" AND c."id" = o."customer_id"
      LEFT JOIN "stores" s ON s."business_id" = o."business_id" AND s."id" = o."store_id"
     WHERE o."business_id" = '${actor.businessId}' ${range.map((r) => `AND ${r}`).join(" ")}
     ORDER BY o."placed_at", o."id", i."position"
  ) TO STDOUT (FORMAT csv, HEADER false)`;
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query("SET LOCAL statement_timeout = 0");
    out.write(ORDER_COLUMNS.join(",") + "\n");
    await pipeline(client.query(copyTo(sql)), out, { end: false });
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
