// A business's orders as CSV, streamed like the ledger export (COPY ... TO STDOUT on one
// connection, bounded memory for any number of orders). One row per order LINE, the order's
// columns repeated on each of its lines: the points each line earned are the point of the file.
// Summing an order column (total, points_awarded, ...) over the file counts an order once per
// line: sum it over distinct order_id, or over the rows with line = 1.
// Days are UTC days of placed_at, both included; without from/to, from the first / to the last.
import type { Writable } from "node:stream";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import type { Db } from "../db/client";
import { businessLiteral, copyCsvOut, defused, isoInstant } from "../import/copy-csv-out";
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

export async function exportOrders(db: Db, actor: Actor, input: z.input<typeof exportOrdersInput>, out: Writable): Promise<void> {
  const { from, to } = exportOrdersInput.parse(input);
  const range = [from && `o."placed_at" >= '${from}'::date::timestamp AT TIME ZONE 'UTC'`, to && `o."placed_at" < ('${to}'::date + 1)::timestamp AT TIME ZONE 'UTC'`].filter(Boolean);
  const select = `
    SELECT o."id", ${defused('o."external_id"')}, ${isoInstant('o."placed_at"')}, o."status", o."currency", o."customer_id",
           ${defused('c."email"')}, ${defused('c."name"')}, ${defused('c."external_id"')}, ${defused('s."code"')},
           o."subtotal", o."discount", o."shipping", o."tax", o."subtotal" - o."discount" + o."shipping" + o."tax", o."amount_refunded",
           o."eligible_amount", o."points", o."points_awarded", o."points_refunded", o."points_unrecovered", ${defused('o."referral_code"')},
           i."position" + 1, ${defused('i."product_external_id"')}, i."quantity", i."unit_price", i."line_total",
           CASE WHEN i."excluded" THEN 'true' ELSE 'false' END, i."eligible_amount", i."points", i."quantity_refunded"
      FROM "orders" o
      JOIN "order_items" i ON i."business_id" = o."business_id" AND i."order_id" = o."id"
      JOIN "customers" c ON c."business_id" = o."business_id" AND c."id" = o."customer_id"
      LEFT JOIN "stores" s ON s."business_id" = o."business_id" AND s."id" = o."store_id"
     WHERE o."business_id" = ${businessLiteral(actor)} ${range.map((r) => `AND ${r}`).join(" ")}
     ORDER BY o."placed_at", o."id", i."position"`;
  await copyCsvOut(db, ORDER_COLUMNS, select, out);
}
