// `export orders`: the CSV (one row per order line) read back and checked against the rows in
// the database, a name with a comma and quotes kept intact, a formula defused, the placed-day
// range (both ends included), another business's orders never in it.
import { parse } from "csv-parse/sync";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createOrder } from "../orders/create-order";
import { ORDER_COLUMNS } from "../orders/export-orders";
import { makeBusiness } from "../../test/fixtures";
import { cli } from "../../test/run-cli-capture";

const dir = mkdtempSync(path.join(os.tmpdir(), "cli-orders-"));

describe("CLI export orders", () => {
  it("writes one row per order line with the order's columns, matching the database, for the placed days asked", async () => {
    const { business, actor } = await makeBusiness();
    const other = await makeBusiness();
    const place = (a: typeof actor, externalId: string, placedAt: string, extra: Record<string, unknown> = {}) =>
      createOrder(db, a, {
        externalId, customerEmail: "ann@orders-export.test", currency: "USD", subtotal: 6000, discount: 1000, shipping: 500, tax: 0, status: "PAID", placedAt: new Date(placedAt),
        items: [{ productExternalId: "beans", quantity: 2, unitPrice: 2500 }, { productExternalId: "=cmd|' /C calc'!A0", quantity: 1, unitPrice: 1000 }], ...extra,
      });
    await place(actor, "EARLY", "2026-03-31T23:59:59Z");
    const first = (await place(actor, "SO-1", "2026-04-01T00:00:00Z")).order;
    const last = (await place(actor, "SO-2", "2026-04-30T23:59:59Z", { customerEmail: "bob@orders-export.test" })).order;
    await place(actor, "LATE", "2026-05-01T00:00:00Z");
    await place(other.actor, "SO-1", "2026-04-10T00:00:00Z");
    await db.customer.updateMany({ where: { businessId: business.id, email: "bob@orders-export.test" }, data: { name: 'Bob "the Builder", Jr.' } });

    const out = path.join(dir, "orders.csv");
    expect((await cli("export", "orders", "--business", business.slug, "--from", "2026-04-01", "--to", "2026-04-30", "--file", out))).toMatchObject({ code: 0 });
    const text = readFileSync(out, "utf8");
    expect(text).toContain('"Bob ""the Builder"", Jr."');
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([...ORDER_COLUMNS]);
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    expect(records.map((r) => [r.order_external_id, r.line])).toEqual([["SO-1", "1"], ["SO-1", "2"], ["SO-2", "1"], ["SO-2", "2"]]);

    for (const placed of [first, last]) {
      const row = await db.order.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: placed.id } }, include: { items: { orderBy: { position: "asc" } }, customer: true } });
      const lines = records.filter((r) => r.order_id === row.id);
      expect(lines).toHaveLength(row.items.length);
      row.items.forEach((item, i) => {
        expect(lines[i]).toEqual({
          order_id: row.id, order_external_id: row.externalId, placed_at: row.placedAt.toISOString(), status: row.status, currency: "USD",
          customer_id: row.customerId, customer_email: row.customer.email, customer_name: row.customer.name ?? "", customer_external_id: "", store_code: "",
          subtotal: "6000", discount: "1000", shipping: "500", tax: "0", total: "5500", amount_refunded: "0", eligible_amount: String(row.eligibleAmount),
          points: String(row.points), points_awarded: String(row.pointsAwarded), points_refunded: "0", points_unrecovered: "0", referral_code: "",
          line: String(i + 1),
          // A product id that a spreadsheet would run as a formula is defused with a leading quote.
          product_external_id: item.productExternalId.startsWith("=") ? `'${item.productExternalId}` : item.productExternalId,
          quantity: String(item.quantity), unit_price: String(item.unitPrice), line_total: String(item.lineTotal), excluded: String(item.excluded),
          line_eligible_amount: String(item.eligibleAmount), line_points: String(item.points), quantity_refunded: String(item.quantityRefunded),
        });
      });
    }
    expect(records[2]!.customer_name).toBe('Bob "the Builder", Jr.');
    expect(Number(records[0]!.line_points) + Number(records[1]!.line_points)).toBeLessThanOrEqual(Number(records[0]!.points));

    // No range: every order of the business, oldest placed first.
    const whole = path.join(dir, "all.csv");
    expect((await cli("export", "orders", "--business", business.slug, "--file", whole)).code).toBe(0);
    const everything = (parse(readFileSync(whole, "utf8")) as string[][]).slice(1);
    expect([...new Set(everything.map((r) => r[1]))]).toEqual(["EARLY", "SO-1", "SO-2", "LATE"]);

    const backwards = path.join(dir, "backwards.csv");
    expect(await cli("export", "orders", "--business", business.slug, "--from", "2026-05-01", "--to", "2026-04-01", "--file", backwards)).toMatchObject({ code: 2, err: expect.stringMatching(/to: must not be before from/) });
    expect(existsSync(backwards)).toBe(false);
    expect(await cli("export", "orders", "--business", business.slug, "--from", "April")).toMatchObject({ code: 2, err: expect.stringMatching(/from: must be a date/) });
    expect(await cli("export", "orders", "--business", "no-such-business")).toMatchObject({ code: 1, err: expect.stringMatching(/No business/) });
  });
});
