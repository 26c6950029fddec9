// An order's points belong to the order: only its own refunds and cancel take them back (a
// reversal of its award alone is refused, or a later refund would take them twice), its
// reissued pending award goes through for a blocked customer and a closed store, a caller's
// key can't take the order's key name, a free order's first item refund isn't a full one, and a
// blocked or erased customer's orders are recorded and move, earning and taking nothing.
import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { awardPoints, reverseEntry } from "@/server/ledger";
import { upsertProduct } from "@/server/products/upsert-product";
import { createStore, updateStore } from "@/server/stores/manage-stores";
import { businessWithKey, call } from "@/test/api";
import { ledgerState } from "@/test/fixtures";
import { POST as refund } from "./[externalId]/refunds/route";
import { PUT as put } from "./[externalId]/route";
import { POST as post } from "./route";

const order = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId, customerEmail: "ada@example.com", currency: "USD", subtotal: 10_000, status: "PAID",
  items: [{ productExternalId: "beans", quantity: 4, unitPrice: 2500 }], ...extra,
});
const orderRow = (businessId: string, externalId: string) => db.order.findUniqueOrThrow({ where: { businessId_externalId: { businessId, externalId } } });

describe("an order's points", () => {
  it("can't be reversed behind the order's back: a later cancel then takes them exactly once", async () => {
    const { key, business } = await businessWithKey();
    const created = await call("POST", post, { key, body: order("SO-1") });
    const row = await orderRow(business.id, "SO-1");
    await awardPoints(db, cliActor(business.id), { customerId: row.customerId, amount: 500 });
    await expect(reverseEntry(db, cliActor(business.id), { entryId: row.awardEntryId!, reason: "oops" })).rejects.toMatchObject({
      code: "NOT_REVERSIBLE",
      message: expect.stringMatching(/refund or cancel the order/),
    });
    expect(created.data).toMatchObject({ pointsAwarded: 100 });
    expect((await call("PUT", put, { key, params: { externalId: "SO-1" }, body: { status: "CANCELLED" } })).status).toBe(200);
    expect((await ledgerState(business.id, row.customerId)).balance).toBe(500);
  });

  it("a partial refund of a pending award reissues the rest for a blocked customer at a closed store", async () => {
    const { key, business } = await businessWithKey();
    await db.business.update({ where: { id: business.id }, data: { pendingDays: 14 } });
    const actor = cliActor(business.id);
    const store = await createStore(db, actor, { name: "Downtown", code: "DT-01" });
    await call("POST", post, { key, body: order("SO-2", { storeId: "DT-01" }) });
    const row = await orderRow(business.id, "SO-2");
    await updateStore(db, actor, { id: store.id, active: false });
    await db.customer.update({ where: { businessId_id: { businessId: business.id, id: row.customerId } }, data: { status: "BLOCKED" } });
    const res = await call("POST", refund, { key, params: { externalId: "SO-2" }, body: { amount: 2500, idempotencyKey: "r-1" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const after = await orderRow(business.id, "SO-2");
    expect(after).toMatchObject({ pointsRefunded: 25 });
    const reissued = await db.ledgerEntry.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: after.awardEntryId! } } });
    expect(reissued).toMatchObject({ type: "AWARD", points: 75, storeId: store.id });
    expect(await ledgerState(business.id, row.customerId)).toMatchObject({ balance: 0, pending: 75 });
  });

  it("a caller's idempotency key can't take an order's key name", async () => {
    const { key, business } = await businessWithKey();
    const { POST: awardRoute } = await import("../points/award/route");
    const res = await call("POST", awardRoute, { key, body: { customerEmail: "ada@example.com", amount: 5, idempotencyKey: "order:K-1" } });
    expect([res.status, res.json.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(res.json.error).toMatch(/reserved/);
    expect((await call("POST", post, { key, body: order("K-1") })).status).toBe(201);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("returning one item of a free order isn't a full refund (it took all 30 points): its money share, none, takes none", async () => {
    const { key, business } = await businessWithKey();
    await db.business.update({ where: { id: business.id }, data: { earnMode: "UNIT", earnRate: 10 } });
    const free = { subtotal: 300, discount: 300, items: [{ productExternalId: "cookie", quantity: 3, unitPrice: 100 }] };
    const created = await call("POST", post, { key, body: order("SO-3", free) });
    expect(created.data).toMatchObject({ points: 30, pointsAwarded: 30 });
    const res = await call("POST", refund, { key, params: { externalId: "SO-3" }, body: { items: [{ productExternalId: "cookie", quantity: 1 }], idempotencyKey: "r-3" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect((await orderRow(business.id, "SO-3")).pointsRefunded).toBe(0);
    // All of it back: everything the order earned.
    await call("POST", refund, { key, params: { externalId: "SO-3" }, body: { items: [{ productExternalId: "cookie", quantity: 2 }], idempotencyKey: "r-4" } });
    expect((await orderRow(business.id, "SO-3")).pointsRefunded).toBe(30);
  });
});

describe("a customer who can't earn", () => {
  const block = (businessId: string, id: string) => db.customer.update({ where: { businessId_id: { businessId, id } }, data: { status: "BLOCKED" } });

  it("blocked: a paid order is still recorded, earning nothing (it was refused with 403 and lost from the shop's record)", async () => {
    const { key, business } = await businessWithKey();
    const { transaction } = await awardPoints(db, cliActor(business.id), { customerEmail: "ada@example.com", amount: 5 });
    await block(business.id, transaction.customerId);
    const res = await call("POST", post, { key, body: order("SO-20") });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(await orderRow(business.id, "SO-20")).toMatchObject({ customerId: transaction.customerId, status: "PAID", points: 100, pointsAwarded: 0, awardEntryId: null });
    // Its money can still be refunded (no points to take).
    const refunded = await call("POST", refund, { key, params: { externalId: "SO-20" }, body: { amount: 5000, idempotencyKey: "r-blocked" } });
    expect(refunded.status, JSON.stringify(refunded.json)).toBe(201);
    expect(await orderRow(business.id, "SO-20")).toMatchObject({ amountRefunded: 5000, pointsRefunded: 0, pointsUnrecovered: 0 });
    expect((await ledgerState(business.id, transaction.customerId)).balance).toBe(5);
  });

  it("blocked: a pending order becomes paid with no award, and doesn't earn later once unblocked (decided as it was paid); cancelled, nothing to take", async () => {
    const { key, business } = await businessWithKey();
    await call("POST", post, { key, body: order("SO-21", { status: "PENDING" }) });
    const row = await orderRow(business.id, "SO-21");
    await block(business.id, row.customerId);
    for (const status of ["PAID", "FULFILLED", "CANCELLED"]) {
      if (status === "FULFILLED") await db.customer.update({ where: { businessId_id: { businessId: business.id, id: row.customerId } }, data: { status: "ACTIVE" } });
      const res = await call("PUT", put, { key, params: { externalId: "SO-21" }, body: { status } });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    expect(await orderRow(business.id, "SO-21")).toMatchObject({ status: "CANCELLED", pointsAwarded: 0, awardEntryId: null, pointsRefunded: 0, pointsUnrecovered: 0 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id, customerId: row.customerId } })).toBe(0);
  });

  it("erased: the shop can still move and refund the orders (they failed with 404); the points went with the erasure", async () => {
    const { key, business } = await businessWithKey();
    await call("POST", post, { key, body: order("SO-22", { status: "PENDING" }) });
    await call("POST", post, { key, body: order("SO-23") });
    const row = await orderRow(business.id, "SO-22");
    await eraseCustomer(db, cliActor(business.id), { id: row.customerId });
    const entries = await db.ledgerEntry.count({ where: { businessId: business.id } });
    expect((await call("PUT", put, { key, params: { externalId: "SO-22" }, body: { status: "PAID" } })).status).toBe(200);
    const refunded = await call("POST", refund, { key, params: { externalId: "SO-23" }, body: { amount: 5000, idempotencyKey: "r-erased" } });
    expect(refunded.status, JSON.stringify(refunded.json)).toBe(201);
    // Paid after the erasure, so never awarded: its money refunds all the same.
    const unawarded = await call("POST", refund, { key, params: { externalId: "SO-22" }, body: { amount: 5000, idempotencyKey: "r-erased-2" } });
    expect(unawarded.status, JSON.stringify(unawarded.json)).toBe(201);
    expect((await call("PUT", put, { key, params: { externalId: "SO-23" }, body: { status: "CANCELLED" } })).status).toBe(200);
    expect(await orderRow(business.id, "SO-22")).toMatchObject({ status: "PAID", awardEntryId: null, pointsAwarded: 0, amountRefunded: 5000 });
    expect(await orderRow(business.id, "SO-23")).toMatchObject({ status: "CANCELLED", amountRefunded: 5000, pointsRefunded: 0, pointsUnrecovered: 0 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(entries);
  });
});

describe("refunds by items", () => {
  it("give back exactly what the goods cost after the discount, however the items are returned", async () => {
    const { key, business } = await businessWithKey();
    const body = order("SO-9", { subtotal: 300, discount: 100, items: [{ productExternalId: "a", quantity: 1, unitPrice: 100 }, { productExternalId: "b", quantity: 1, unitPrice: 100 }, { productExternalId: "c", quantity: 1, unitPrice: 100 }] });
    expect((await call("POST", post, { key, body })).status).toBe(201);
    for (const [i, product] of ["a", "b", "c"].entries()) {
      const res = await call("POST", refund, { key, params: { externalId: "SO-9" }, body: { items: [{ productExternalId: product, quantity: 1 }], idempotencyKey: `r-${i}` } });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    // 3 x 1.00 less 1.00: 2.00 charged for the goods, 2.00 back (each line's share rounded on its own gave 2.01).
    expect((await orderRow(business.id, "SO-9")).amountRefunded).toBe(200);
  });

  it("an amount after returned excluded goods shares out what is left: 25.00 of the 50.00 left, all of it earned, takes half the points", async () => {
    const { key, business } = await businessWithKey();
    await upsertProduct(db, cliActor(business.id), { externalId: "gift", name: "Gift card", excluded: true });
    const body = order("SO-10", { items: [{ productExternalId: "beans", quantity: 1, unitPrice: 5000 }, { productExternalId: "gift", quantity: 1, unitPrice: 5000 }] });
    expect((await call("POST", post, { key, body })).data).toMatchObject({ eligibleAmount: 5000, pointsAwarded: 50 });
    expect((await call("POST", refund, { key, params: { externalId: "SO-10" }, body: { items: [{ productExternalId: "gift", quantity: 1 }], idempotencyKey: "r-gift" } })).data).toMatchObject({ refund: { pointsTaken: 0 } });
    // 25.00 of the 50.00 left is half of what is left, all of it the beans' (it took 12 of 50 before: a share of the whole order).
    const res = await call("POST", refund, { key, params: { externalId: "SO-10" }, body: { amount: 2500, idempotencyKey: "r-amount" } });
    expect(res.data).toMatchObject({ refund: { eligibleAmount: 2500, pointsTaken: 25 } });
    const row = await orderRow(business.id, "SO-10");
    expect(row).toMatchObject({ amountRefunded: 7500, eligibleRefunded: 2500, pointsRefunded: 25 });
    expect((await ledgerState(business.id, row.customerId)).balance).toBe(25);
  });
});
