import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { redeemPoints } from "@/server/ledger";
import { createOrder } from "@/server/orders/create-order";
import { upsertProduct } from "@/server/products/upsert-product";
import { businessWithKey, call } from "@/test/api";
import { ledgerState } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { POST as refund } from "./[externalId]/refunds/route";
import { GET as getOne, PUT as put } from "./[externalId]/route";
import { GET as list, POST as post } from "./route";

const DAY = 86_400_000;
// 100.00 of one product: 100 points at earnRate 1.
const simple = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId, customerEmail: "ada@example.com", currency: "USD", subtotal: 10_000, status: "PAID",
  items: [{ productExternalId: "beans", quantity: 4, unitPrice: 2500 }], ...extra,
});

async function setup(settings: Record<string, unknown> = {}) {
  const ctx = await businessWithKey();
  if (Object.keys(settings).length) await db.business.update({ where: { id: ctx.business.id }, data: settings });
  return ctx;
}

const orderRow = (businessId: string, externalId: string) =>
  db.order.findUniqueOrThrow({ where: { businessId_externalId: { businessId, externalId } }, include: { items: { orderBy: { position: "asc" } }, refunds: true } });
const entries = (businessId: string) => db.ledgerEntry.findMany({ where: { businessId }, orderBy: { createdAt: "asc" } });
const events = (businessId: string, type: string) => db.outboxEvent.findMany({ where: { businessId, type }, orderBy: { id: "asc" } });

describe("POST /api/v1/orders", () => {
  it("the documented worked example: excluded gift card, discount, shipping that earns, tax that doesn't: 81 points", async () => {
    const { key, business } = await setup({ earnRate: 2, orderEarnsOnShipping: true });
    const actor = cliActor(business.id);
    await upsertProduct(db, actor, { externalId: "gift-20", name: "Gift card", excluded: true });
    await upsertProduct(db, actor, { externalId: "beans-1kg", name: "Beans" });
    const body = {
      externalId: "SO-1001", customerEmail: "ada@example.com", currency: "usd", subtotal: 5999, discount: 600, shipping: 500, tax: 480, status: "PAID", storeId: undefined,
      items: [{ productExternalId: "beans-1kg", quantity: 2, unitPrice: 1500 }, { productExternalId: "gift-20", quantity: 1, unitPrice: 2000 }, { productExternalId: "mug", quantity: 1, unitPrice: 999 }],
    };
    const res = await call("POST", post, { key, body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.data).toMatchObject({ externalId: "SO-1001", status: "PAID", eligibleAmount: 4099, points: 81, pointsAwarded: 81 });
    const row = await orderRow(business.id, "SO-1001");
    expect(row).toMatchObject({ eligibleAmount: 4099, points: 81, pointsAwarded: 81, currency: "USD", tax: 480 });
    expect(row.items.map((i) => [i.productExternalId, i.excluded, i.lineTotal, i.eligibleAmount, i.points])).toEqual([
      ["beans-1kg", false, 3000, 2699, 53], ["gift-20", true, 2000, 0, 0], ["mug", false, 999, 900, 18],
    ]);
    const [award] = await entries(business.id);
    expect(award).toMatchObject({ id: row.awardEntryId, type: "AWARD", points: 81, reference: "SO-1001", idempotencyKey: "order:SO-1001", metadata: { orderId: row.id }, availableAt: null });
    expect((await ledgerState(business.id, row.customerId)).balance).toBe(81);
    expect(await events(business.id, "order.created")).toHaveLength(1);
  });

  it("an order arriving paid earns pending points for the program's pendingDays", async () => {
    const { key, business } = await setup({ pendingDays: 14 });
    const res = await call("POST", post, { key, body: simple("SO-1") });
    expect(res.status).toBe(201);
    const [award] = await entries(business.id);
    expect(award!.availableAt!.getTime()).toBeGreaterThan(Date.now() + 13 * DAY);
    const state = await ledgerState(business.id, res.data.customerId as string);
    expect([state.balance, state.pending]).toEqual([0, 100]);
  });

  it("replays the same body (200, one order, one award) and refuses a changed one (422)", async () => {
    const { key, business } = await setup();
    const first = await call("POST", post, { key, body: simple("SO-2") });
    // Same body, fields in another order.
    const { items, ...rest } = simple("SO-2");
    const again = await call("POST", post, { key, body: { items, ...rest } });
    expect(again.status).toBe(200);
    expect(again.data).toEqual(first.data);
    const changed = await call("POST", post, { key, body: simple("SO-2", { shipping: 100 }) });
    expect(changed.status).toBe(422);
    expect(changed.json).toMatchObject({ code: "IDEMPOTENCY_MISMATCH", error: expect.stringMatching(/already received/) });
    expect(await db.order.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
    expect(await events(business.id, "order.created")).toHaveLength(1);
  });

  it("the same new order sent twice at once: one order and one award, both answered", async () => {
    const { key, business } = await setup();
    const results = await Promise.all([1, 2].map(() => call("POST", post, { key, body: simple("SO-R") })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(results[0]!.data.id).toBe(results[1]!.data.id);
    expect(await db.order.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("two different bodies under one new order id at once: one order, the other answered with the order's 422 (not the ledger key's sentence)", async () => {
    const { key, business } = await setup();
    const bodies = [simple("SO-D"), simple("SO-D", { subtotal: 20_000, items: [{ productExternalId: "beans", quantity: 2, unitPrice: 10_000 }] })];
    const results = await Promise.all(bodies.map((body) => call("POST", post, { key, body })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)!.json).toMatchObject({ code: "IDEMPOTENCY_MISMATCH", error: expect.stringMatching(/already received with a different body/) });
    expect(await db.order.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("answers 400 for another currency, a subtotal that isn't the lines' sum, a discount above it and unknown fields, writing nothing", async () => {
    const { key, business } = await setup();
    for (const body of [simple("X", { currency: "EUR" }), simple("X", { subtotal: 9_999 }), simple("X", { discount: 10_001 }), simple("X", { colour: "red" }), simple("X", { storeId: "NOPE" })]) {
      const res = await call("POST", post, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toMatch(/^Invalid request/);
    }
    expect(await db.order.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: post, scope: "points:write", request: () => ({ body: simple("SO-S") }) });
});

describe("PUT /api/v1/orders/{externalId}", () => {
  it("awards when a pending order is paid, once; refuses going back; cancelling before payment writes no entry", async () => {
    const { key, business } = await setup();
    await call("POST", post, { key, body: simple("SO-3", { status: "PENDING" }) });
    await call("POST", post, { key, body: simple("SO-4", { status: "PENDING" }) });
    expect(await entries(business.id)).toEqual([]);
    const paid = await call("PUT", put, { key, params: { externalId: "SO-3" }, body: { status: "paid" } });
    expect(paid.status).toBe(200);
    expect(paid.data).toMatchObject({ status: "PAID", pointsAwarded: 100 });
    expect((await call("PUT", put, { key, params: { externalId: "SO-3" }, body: { status: "PAID" } })).status).toBe(200);
    const back = await call("PUT", put, { key, params: { externalId: "SO-3" }, body: { status: "PENDING" } });
    expect(back.status).toBe(409);
    expect(back.json.error).toMatch(/can't become PENDING/);
    expect((await entries(business.id)).map((e) => [e.type, e.points])).toEqual([["AWARD", 100]]);

    const cancelled = await call("PUT", put, { key, params: { externalId: "SO-4" }, body: { status: "CANCELLED" } });
    expect(cancelled.data).toMatchObject({ status: "CANCELLED", pointsAwarded: 0, pointsRefunded: 0 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("awards at FULFILLED when the program says so", async () => {
    const { key, business } = await setup({ orderPointsWhen: "FULFILLED" });
    await call("POST", post, { key, body: simple("SO-F") });
    expect(await entries(business.id)).toEqual([]);
    await call("PUT", put, { key, params: { externalId: "SO-F" }, body: { status: "FULFILLED" } });
    expect((await entries(business.id)).map((e) => e.points)).toEqual([100]);
  });

  it("cancelling after payment reverses the pending award", async () => {
    const { key, business } = await setup({ pendingDays: 14 });
    const created = await call("POST", post, { key, body: simple("SO-5") });
    const res = await call("PUT", put, { key, params: { externalId: "SO-5" }, body: { status: "CANCELLED" } });
    expect(res.data).toMatchObject({ status: "CANCELLED", pointsRefunded: 100, pointsUnrecovered: 0 });
    const [award, reversal] = await entries(business.id);
    expect(reversal).toMatchObject({ type: "REVERSAL", reversesEntryId: award!.id });
    const state = await ledgerState(business.id, created.data.customerId as string);
    expect([state.balance, state.pending]).toEqual([0, 0]);
  });

  it("cancelling after the points were released and spent takes what the balance allows and records the rest", async () => {
    const { key, business } = await setup();
    const created = await call("POST", post, { key, body: simple("SO-5b") });
    const customerId = created.data.customerId as string;
    await redeemPoints(db, cliActor(business.id), { customerId, amount: 70 });
    const res = await call("PUT", put, { key, params: { externalId: "SO-5b" }, body: { status: "CANCELLED" } });
    expect(res.data).toMatchObject({ status: "CANCELLED", pointsRefunded: 30, pointsUnrecovered: 70 });
    expect((await entries(business.id)).map((e) => [e.type, e.points])).toEqual([["AWARD", 100], ["REDEEM", -70], ["ADJUST", -30]]);
    expect((await ledgerState(business.id, customerId)).balance).toBe(0);
  });

  securityCases({
    method: "PUT", handler: put, scope: "points:write",
    request: async (business) => {
      await createOrder(db, cliActor(business.id), simple("SO-S", { status: "PENDING" }));
      return { params: { externalId: "SO-S" }, body: { status: "PAID" } };
    },
    foreign: async (owner) => {
      await createOrder(db, cliActor(owner.id), simple("SO-S", { status: "PENDING" }));
      return { params: { externalId: "SO-S" }, body: { status: "PAID" } };
    },
  });
});

describe("POST /api/v1/orders/{externalId}/refunds", () => {
  it("partial refunds twice then the rest take back exactly the order's points; a replayed key answers the same refund", async () => {
    const { key, business } = await setup();
    const created = await call("POST", post, { key, body: simple("SO-6") });
    const params = { externalId: "SO-6" };
    const first = await call("POST", refund, { key, params, body: { amount: 3333, idempotencyKey: "r1" } });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.data.refund).toMatchObject({ amount: 3333, pointsTaken: 33, pointsUnrecovered: 0 });
    const replay = await call("POST", refund, { key, params, body: { amount: 3333, idempotencyKey: "r1" } });
    expect([replay.status, replay.data.replay, (replay.data.refund as { id: string }).id]).toEqual([200, true, (first.data.refund as { id: string }).id]);
    expect((await call("POST", refund, { key, params, body: { amount: 1, idempotencyKey: "r1" } })).status).toBe(422);
    await call("POST", refund, { key, params, body: { amount: 3333, idempotencyKey: "r2" } });
    expect((await call("POST", refund, { key, params, body: { amount: 3335, idempotencyKey: "r3" } })).status).toBe(400);
    const last = await call("POST", refund, { key, params, body: { amount: 3334, idempotencyKey: "r3" } });
    expect(last.data.refund).toMatchObject({ pointsTaken: 34 });
    const row = await orderRow(business.id, "SO-6");
    expect(row).toMatchObject({ amountRefunded: 10_000, pointsRefunded: 100, pointsUnrecovered: 0 });
    expect(row.refunds.map((r) => r.pointsTaken).sort()).toEqual([33, 33, 34]);
    expect((await entries(business.id)).map((e) => e.points)).toEqual([100, -33, -33, -34]);
    expect((await ledgerState(business.id, created.data.customerId as string)).balance).toBe(0);
    expect((await call("POST", refund, { key, params, body: { amount: 1, idempotencyKey: "r4" } })).status).toBe(400);
  });

  it("a partial refund of a still-pending award cancels it and reissues the rest, pending until the same moment", async () => {
    const { key, business } = await setup({ pendingDays: 14 });
    const created = await call("POST", post, { key, body: simple("SO-7") });
    const res = await call("POST", refund, { key, params: { externalId: "SO-7" }, body: { items: [{ productExternalId: "beans", quantity: 1 }], idempotencyKey: "r1" } });
    expect(res.data.refund).toMatchObject({ amount: 2500, pointsTaken: 25 });
    const [award, reversal, reissued] = await entries(business.id);
    expect(reversal).toMatchObject({ type: "REVERSAL", reversesEntryId: award!.id });
    expect(reissued).toMatchObject({ type: "AWARD", points: 75, availableAt: award!.availableAt });
    const state = await ledgerState(business.id, created.data.customerId as string);
    expect([state.balance, state.pending]).toEqual([0, 75]);
    expect((await orderRow(business.id, "SO-7")).items[0]!.quantityRefunded).toBe(1);
  });

  it("returning an excluded product refunds its discounted price and takes no points", async () => {
    const { key, business } = await setup();
    await upsertProduct(db, cliActor(business.id), { externalId: "gift", name: "Gift card", excluded: true });
    await call("POST", post, { key, body: simple("SO-G", { subtotal: 12_000, discount: 1200, items: [{ productExternalId: "beans", quantity: 4, unitPrice: 2500 }, { productExternalId: "gift", quantity: 1, unitPrice: 2000 }] }) });
    // 10,000 of beans less their 1,000 share of the discount: 90 points.
    const res = await call("POST", refund, { key, params: { externalId: "SO-G" }, body: { items: [{ productExternalId: "gift", quantity: 1 }], idempotencyKey: "g1" } });
    expect(res.data.refund).toMatchObject({ amount: 1800, eligibleAmount: 0, pointsTaken: 0 });
    expect(res.data.order).toMatchObject({ points: 90, pointsRefunded: 0, amountRefunded: 1800 });
    const again = await call("POST", refund, { key, params: { externalId: "SO-G" }, body: { items: [{ productExternalId: "gift", quantity: 1 }], idempotencyKey: "g2" } });
    expect([again.status, again.json.error]).toEqual([400, "Invalid request: none of product gift are left to refund on this order."]);
  });

  it("never goes below zero: points the customer spent are recorded as unrecovered, on the order and in the event", async () => {
    const { key, business } = await setup();
    const created = await call("POST", post, { key, body: simple("SO-8") });
    const customerId = created.data.customerId as string;
    await redeemPoints(db, cliActor(business.id), { customerId, amount: 80 });
    const res = await call("POST", refund, { key, params: { externalId: "SO-8" }, body: { amount: 10_000, idempotencyKey: "r1" } });
    expect(res.data.refund).toMatchObject({ pointsTaken: 20, pointsUnrecovered: 80 });
    expect(await orderRow(business.id, "SO-8")).toMatchObject({ pointsRefunded: 20, pointsUnrecovered: 80 });
    expect((await ledgerState(business.id, customerId)).balance).toBe(0);
    const [event] = await events(business.id, "order.refunded");
    expect(event!.payload).toMatchObject({ order: { pointsUnrecovered: 80 }, refund: { pointsTaken: 20, pointsUnrecovered: 80 } });
  });

  it("two refunds at once never take more than the order earned", async () => {
    const { key, business } = await setup();
    const created = await call("POST", post, { key, body: simple("SO-9") });
    const params = { externalId: "SO-9" };
    const results = await Promise.all([6000, 6000].map((amount, i) => call("POST", refund, { key, params, body: { amount, idempotencyKey: `c${i}` } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    const both = await Promise.all([2000, 2000].map((amount, i) => call("POST", refund, { key, params, body: { amount, idempotencyKey: `d${i}` } })));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(await orderRow(business.id, "SO-9")).toMatchObject({ amountRefunded: 10_000, pointsRefunded: 100 });
    expect((await ledgerState(business.id, created.data.customerId as string)).balance).toBe(0);
  });

  it("refuses a pending order (409)", async () => {
    const { key } = await setup();
    await call("POST", post, { key, body: simple("SO-10", { status: "PENDING" }) });
    const res = await call("POST", refund, { key, params: { externalId: "SO-10" }, body: { amount: 1, idempotencyKey: "r1" } });
    expect([res.status, res.json.code]).toEqual([409, "CONFLICT"]);
  });

  securityCases({
    method: "POST", handler: refund, scope: "points:write",
    request: () => ({ params: { externalId: "none" }, body: { amount: 1, idempotencyKey: "k" } }),
    foreign: async (owner) => {
      await createOrder(db, cliActor(owner.id), simple("SO-S"));
      return { params: { externalId: "SO-S" }, body: { amount: 1, idempotencyKey: "k" } };
    },
  });
});

describe("GET /api/v1/orders", () => {
  it("lists by customer and status and shows one with its lines and refunds", async () => {
    const { key } = await setup();
    const a = await call("POST", post, { key, body: simple("SO-11") });
    await call("POST", post, { key, body: simple("SO-12", { status: "PENDING", customerEmail: "bob@example.com" }) });
    const paid = await call("GET", list, { key, query: { status: "paid" } });
    expect((paid.data.items as { externalId: string }[]).map((o) => o.externalId)).toEqual(["SO-11"]);
    const mine = await call("GET", list, { key, query: { customerId: a.data.customerId as string } });
    expect(mine.data.pagination).toMatchObject({ total: 1 });
    const one = await call("GET", getOne, { key, params: { externalId: "SO-11" } });
    expect(one.data).toMatchObject({ externalId: "SO-11", items: [{ productExternalId: "beans", quantity: 4 }], refunds: [] });
  });

  securityCases({ method: "GET", handler: list, scope: "points:read", request: () => ({}) });
  securityCases({
    method: "GET", handler: getOne, scope: "points:read",
    request: () => ({ params: { externalId: "none" } }),
    foreign: async (owner) => {
      await createOrder(db, cliActor(owner.id), simple("SO-S"));
      return { params: { externalId: "SO-S" } };
    },
  });
});
