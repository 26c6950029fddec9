// The portal's orders procedures against a real database: the list's search, filters, day range
// and paging; the order page with its lines, refunds and ledger entries; refunds and status
// moves by staff and owners; and another business's orders invisible. Asserted on the rows.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { eraseCustomer } from "../customers/erase-customer";
import { createOrder } from "../orders/create-order";
import { addMember, callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;
let foreignOrderId: string;

const failure = trpcFailure;

// 100.00 of beans (4 × 25.00): 100 points at the default earn rate, awarded when paid.
const order = (f: Fixture, externalId: string, extra: Record<string, unknown> = {}) =>
  createOrder(db, f.pos, {
    externalId, customerEmail: "ada@orders.test", currency: "USD", subtotal: 10_000, status: "PAID",
    items: [{ productExternalId: "beans", quantity: 4, unitPrice: 2500 }], ...extra,
  }).then((r) => r.order);
const orderRow = (businessId: string, externalId: string) =>
  db.order.findUniqueOrThrow({ where: { businessId_externalId: { businessId, externalId } }, include: { items: true, refunds: true } });

beforeAll(async () => {
  a = await makePortalBusiness("oa");
  b = await makePortalBusiness("ob");
  foreignOrderId = (await order(b, "B-100")).id;
});

describe("orders router", () => {
  it("lists with search (order id, customer name or email), status, placed-day range and paging; nothing of another business", async () => {
    await order(a, "LIST-1", { placedAt: new Date("2026-01-10T12:00:00Z") });
    await order(a, "LIST-2", { placedAt: new Date("2026-02-15T23:59:00Z"), status: "PENDING" });
    await order(a, "LIST-3", { placedAt: new Date("2026-03-20T00:00:00Z"), customerEmail: "grace@orders.test" });
    await order(a, "OTHER-9", { placedAt: new Date("2026-03-21T00:00:00Z"), customerEmail: "grace@orders.test" });
    await db.customer.updateMany({ where: { businessId: a.business.id, email: "grace@orders.test" }, data: { name: "Grace Hopper" } });
    const list = callerFor(a.staff).orders.list;
    const ids = async (input: Parameters<typeof list>[0]) => (await list(input)).items.map((o) => o.externalId);

    expect(await ids({ search: "list-" })).toEqual(["LIST-3", "LIST-2", "LIST-1"]);
    expect(await ids({ search: "hopper" })).toEqual(["OTHER-9", "LIST-3"]);
    expect(await ids({ search: "ada@orders" })).toEqual(["LIST-2", "LIST-1"]);
    // A % typed in the box is a character, not a wildcard.
    expect(await ids({ search: "%" })).toEqual([]);
    expect(await ids({ status: "PENDING" })).toEqual(["LIST-2"]);
    // UTC days, both ends included.
    expect(await ids({ from: "2026-02-15", to: "2026-03-20" })).toEqual(["LIST-3", "LIST-2"]);
    expect(await ids({ from: "2026-03-21" })).toEqual(["OTHER-9"]);
    expect(await ids({ to: "2026-01-10" })).toEqual(["LIST-1"]);
    expect((await failure(list({ from: "2026-03-01", to: "2026-02-01" }))).message).toContain("to: must not be before from");

    const first = await list({ search: "LIST", perPage: 2 });
    expect(first.pagination).toEqual({ page: 1, perPage: 2, total: 3, totalPages: 2 });
    expect((await list({ search: "LIST", perPage: 2, page: 2 })).items.map((o) => o.externalId)).toEqual(["LIST-1"]);
    expect(first.items[0]!.customer).toEqual({ id: expect.any(String), name: "Grace Hopper", email: "grace@orders.test", erased: false });

    expect(await ids({ search: "B-100" })).toEqual([]);
    expect((await list({ perPage: 100 })).items.every((o) => o.externalId !== "B-100")).toBe(true);
  });

  it("shows an order with its lines' points, refunds with their items, and its ledger entries; another business's is not found", async () => {
    const placed = await order(a, "SHOW-1", { items: [{ productExternalId: "beans", quantity: 2, unitPrice: 2500 }, { productExternalId: "mug", quantity: 1, unitPrice: 5000 }] });
    await callerFor(a.staff).orders.refund({ externalId: "SHOW-1", items: [{ productExternalId: "mug", quantity: 1 }], idempotencyKey: randomUUID() });
    const shown = await callerFor(a.staff).orders.get({ id: placed.id });
    expect(shown).toMatchObject({ externalId: "SHOW-1", pointsAwarded: 100, pointsRefunded: 50, amountRefunded: 5000, customer: { email: "ada@orders.test", erased: false } });
    expect(shown.items!.map((i) => [i.productExternalId, i.eligibleAmount, i.points, i.quantityRefunded])).toEqual([["beans", 5000, 50, 0], ["mug", 5000, 50, 1]]);
    expect(shown.refunds).toEqual([expect.objectContaining({ amount: 5000, pointsTaken: 50, pointsUnrecovered: 0, items: [{ productExternalId: "mug", quantity: 1 }] })]);
    expect(shown.entries.map((e) => [e.type, e.points])).toEqual([["AWARD", 100], ["ADJUST", -50]]);

    expect((await failure(callerFor(a.owner).orders.get({ id: foreignOrderId }))).code).toBe("NOT_FOUND");
    expect((await failure(callerFor(a.owner).orders.get({ id: "not-a-uuid" }))).code).toBe("NOT_FOUND");
  });

  it("lets staff and owners refund (replayed by its key), refuses outsiders, and never touches another business's order", async () => {
    await order(a, "REF-1");
    const staff = callerFor(a.staff).orders;
    const key = randomUUID();
    const partial = await staff.refund({ externalId: "REF-1", amount: 2500, idempotencyKey: key });
    expect(partial).toMatchObject({ replay: false, refund: { amount: 2500, pointsTaken: 25, pointsUnrecovered: 0 } });
    expect((await staff.refund({ externalId: "REF-1", amount: 2500, idempotencyKey: key })).replay).toBe(true);
    const owner = await callerFor(a.owner).orders.refund({ externalId: "REF-1", amount: 2500, idempotencyKey: randomUUID() });
    expect(owner.refund.pointsTaken).toBe(25);
    const row = await orderRow(a.business.id, "REF-1");
    expect(row).toMatchObject({ amountRefunded: 5000, pointsRefunded: 50 });
    expect(row.refunds).toHaveLength(2);
    const adjusts = await db.ledgerEntry.findMany({ where: { businessId: a.business.id, customerId: row.customerId, type: "ADJUST", reference: "REF-1" } });
    expect(adjusts.map((e) => [e.points, e.staffName])).toEqual(expect.arrayContaining([[-25, a.staff.name], [-25, a.owner.name]]));

    // Too much is a sentence, and nothing is written.
    const tooMuch = await failure(staff.refund({ externalId: "REF-1", amount: 9000, idempotencyKey: randomUUID() }));
    expect([tooMuch.code, tooMuch.message]).toEqual(["BAD_REQUEST", expect.stringContaining("more than is left to refund")]);
    expect((await orderRow(a.business.id, "REF-1")).refunds).toHaveLength(2);

    const stranger = await addMember(b.business.id, { email: `stranger-${randomUUID()}@test.dev`, name: "Stranger" }, "STAFF");
    expect((await failure(callerFor(stranger).orders.refund({ externalId: "REF-1", amount: 100, idempotencyKey: randomUUID() }))).code).toBe("NOT_FOUND");
    expect((await failure(callerFor(null).orders.refund({ externalId: "REF-1", amount: 100, idempotencyKey: randomUUID() }))).code).toBe("UNAUTHORIZED");
    expect((await failure(staff.refund({ externalId: "B-100", amount: 100, idempotencyKey: randomUUID() }))).code).toBe("NOT_FOUND");
    expect((await failure(staff.setStatus({ externalId: "B-100", status: "CANCELLED" }))).code).toBe("NOT_FOUND");
    expect(await orderRow(b.business.id, "B-100")).toMatchObject({ status: "PAID", amountRefunded: 0, pointsRefunded: 0, refunds: [] });
    expect((await orderRow(a.business.id, "REF-1")).amountRefunded).toBe(5000);
  });

  it("moves a status on (paying awards the points, cancelling takes them back) and shows an erased buyer as erased", async () => {
    const pending = await order(a, "MOVE-1", { status: "PENDING", customerEmail: "gone@orders.test" });
    await callerFor(a.staff).orders.setStatus({ externalId: "MOVE-1", status: "PAID" });
    expect(await orderRow(a.business.id, "MOVE-1")).toMatchObject({ status: "PAID", pointsAwarded: 100 });
    const moved = await callerFor(a.owner).orders.setStatus({ externalId: "MOVE-1", status: "CANCELLED" });
    expect(moved.order).toMatchObject({ status: "CANCELLED", pointsRefunded: 100 });
    expect((await failure(callerFor(a.staff).orders.setStatus({ externalId: "MOVE-1", status: "PAID" }))).code).toBe("CONFLICT");

    await eraseCustomer(db, a.ownerActor, { id: pending.customerId });
    const shown = await callerFor(a.staff).orders.get({ id: pending.id });
    expect(shown.customer).toEqual({ id: pending.customerId, name: null, email: null, erased: true });
    // Erasure clears the entries' metadata; the ids the order holds still find its award.
    expect(shown.entries.map((e) => e.type)).toContain("AWARD");
    expect((await callerFor(a.staff).orders.list({ search: "MOVE-1" })).items[0]!.customer.erased).toBe(true);
  });
});
