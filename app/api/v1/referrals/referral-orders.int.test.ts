// Referrals through orders (POST /orders carrying a referralCode, PUT /orders moving it to paid)
// and erasure of the people in them, and what cancelling or refunding the completing order does,
// asserted on the rows.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { redeemPoints, reverseEntry } from "@/server/ledger";
import { ledgerState } from "@/test/fixtures";
import { rawPool } from "@/test/test-database";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { call } from "@/test/api";
import { customerByEmail, events, order, referralEntries, referralsOf, setup } from "@/test/referral-fixtures";
import { POST as refundRoute } from "../orders/[externalId]/refunds/route";
import { PUT as putOrder } from "../orders/[externalId]/route";
import { POST as postOrder } from "../orders/route";
import { POST as post } from "./route";

describe("erasure", () => {
  it("retires the erased customer's code and clears the contact details referrals were made to", async () => {
    const { key, business, actor, ann } = await setup();
    await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "lea@example.com", refereePhone: "+15550100077" } });
    await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "lea@example.com" }) });
    const lea = await customerByEmail(business.id, "lea@example.com");
    await eraseCustomer(db, actor, { id: lea.id });
    await eraseCustomer(db, actor, { id: ann.id });
    const [referral] = await referralsOf(business.id);
    expect(referral).toMatchObject({ refereeId: lea.id, refereeEmail: null, refereePhone: null, status: "COMPLETED" });
    const codes = await db.customer.findMany({ where: { businessId: business.id, id: { in: [ann.id, lea.id] } }, select: { referralCode: true } });
    expect(codes).toEqual([{ referralCode: null }, { referralCode: null }]);
    // Ann's old code names no one now.
    const res = await call("POST", post, { key, body: { referrer: ann.referralCode, refereeEmail: "max@example.com" } });
    expect([res.status, res.json.code]).toEqual([404, "CUSTOMER_NOT_FOUND"]);
  });
});

describe("orders carrying a referralCode", () => {
  it("a new customer's order with a code makes the referral, and completes it when paid", async () => {
    const { key, business, ann } = await setup();
    const res = await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "ivy@example.com" }, { status: "PENDING", referralCode: ` ${ann.referralCode!.toLowerCase()} ` }) });
    expect(res.status).toBe(201);
    const ivy = await customerByEmail(business.id, "ivy@example.com");
    expect(await referralsOf(business.id)).toMatchObject([{ status: "PENDING", source: "ORDER", referrerId: ann.id, refereeId: ivy.id }]);
    await call("PUT", putOrder, { key, params: { externalId: "SO-1" }, body: { status: "PAID" } });
    expect(await referralsOf(business.id)).toMatchObject([{ status: "COMPLETED", referrerPoints: 500, refereePoints: 200 }]);
    expect((await events(business.id, "referral.completed")).length).toBe(1);
  });

  it("an unknown code is ignored (the order goes through with it); a customer with an earlier paid order is not referred", async () => {
    const { key, business, ann } = await setup();
    const res = await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "jo@example.com" }, { referralCode: "NOPE2345" }) });
    expect([res.status, res.data.referralCode]).toEqual([201, "NOPE2345"]);
    await call("POST", postOrder, { key, body: order("SO-2", { customerEmail: "jo@example.com" }, { referralCode: ann.referralCode }) });
    expect(await referralsOf(business.id)).toEqual([]);
    expect(await referralEntries(business.id)).toEqual([]);
  });

  it("callers can't take the referral keys", async () => {
    const { key, ann } = await setup();
    const { POST: award } = await import("../points/award/route");
    const res = await call("POST", award, { key, body: { customerId: ann.id, amount: 5, idempotencyKey: "Referral:x:referrer" } });
    expect([res.status, res.json.code]).toEqual([400, "VALIDATION_ERROR"]);
  });
});


describe("the order that completed a referral", () => {
  const balanceOf = async (businessId: string, id: string) => (await ledgerState(businessId, id)).balance;

  it("cancelled: the referral is voided and both sides' points taken back; a later order doesn't complete it again", async () => {
    const { key, business, ann } = await setup();
    await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "kim@example.com" } });
    await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "kim@example.com" }) });
    const kim = await customerByEmail(business.id, "kim@example.com");
    expect([await balanceOf(business.id, ann.id), await balanceOf(business.id, kim.id)]).toEqual([500, 200 + 50]);
    expect((await call("PUT", putOrder, { key, params: { externalId: "SO-1" }, body: { status: "CANCELLED" } })).status).toBe(200);
    expect(await referralsOf(business.id)).toMatchObject([{ status: "VOIDED", pointsUnrecovered: 0, voidedAt: expect.any(Date) }]);
    expect([await balanceOf(business.id, ann.id), await balanceOf(business.id, kim.id)]).toEqual([0, 0]);
    await call("POST", postOrder, { key, body: order("SO-2", { customerEmail: "kim@example.com" }) });
    expect(await referralsOf(business.id)).toMatchObject([{ status: "VOIDED" }]);
    expect([await balanceOf(business.id, ann.id), await balanceOf(business.id, kim.id)]).toEqual([0, 50]);
  });

  it("refunded in full: voided, what the referrer had spent recorded as unrecovered; a partial refund leaves it", async () => {
    const { key, business, actor, ann } = await setup();
    await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "lou@example.com" } });
    await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "lou@example.com" }) });
    await redeemPoints(db, actor, { customerId: ann.id, amount: 400 });
    await call("POST", refundRoute, { key, params: { externalId: "SO-1" }, body: { amount: 1000, idempotencyKey: "r-1" } });
    expect(await referralsOf(business.id)).toMatchObject([{ status: "COMPLETED" }]);
    await call("POST", refundRoute, { key, params: { externalId: "SO-1" }, body: { amount: 4000, idempotencyKey: "r-2" } });
    expect(await referralsOf(business.id)).toMatchObject([{ status: "VOIDED", pointsUnrecovered: 400 }]);
    expect(await balanceOf(business.id, ann.id)).toBe(0);
  });

  it("its awards can't be reversed alone (voiding would take them a second time)", async () => {
    const { key, business, actor, ann } = await setup();
    await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "nia@example.com" } });
    await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "nia@example.com" }) });
    const [referral] = await referralsOf(business.id);
    for (const entryId of [referral!.referrerEntryId!, referral!.refereeEntryId!]) {
      await expect(reverseEntry(db, actor, { entryId, reason: "by hand" })).rejects.toMatchObject({ code: "NOT_REVERSIBLE", message: expect.stringMatching(/referral/) });
    }
  });

  it("a program awarding on fulfilment: a paid order still waiting doesn't stop the first fulfilled one completing it", async () => {
    const { key, business, ann } = await setup({ orderPointsWhen: "FULFILLED" });
    await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "ola@example.com" } });
    for (const id of ["SO-A", "SO-B"]) await call("POST", postOrder, { key, body: order(id, { customerEmail: "ola@example.com" }) });
    await call("PUT", putOrder, { key, params: { externalId: "SO-B" }, body: { status: "FULFILLED" } });
    expect(await referralsOf(business.id)).toMatchObject([{ status: "COMPLETED", referrerPoints: 500, refereePoints: 200 }]);
  });

  it("completes only on the referee's first qualifying order: a referral that slipped in after an earlier paid order stays pending", async () => {
    const { key, business, ann } = await setup();
    await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "mo@example.com" }) });
    const mo = await customerByEmail(business.id, "mo@example.com");
    // As when POST /referrals checked "no orders yet" while SO-1 was being paid.
    await db.referral.create({ data: { businessId: business.id, referrerId: ann.id, refereeId: mo.id, source: "API" } });
    await call("POST", postOrder, { key, body: order("SO-2", { customerEmail: "mo@example.com" }) });
    expect(await referralsOf(business.id)).toMatchObject([{ status: "PENDING" }]);
    expect(await referralEntries(business.id)).toEqual([]);
  });
});

describe("order_create", () => {
  it("refuses (ORDER_HOOKS, writing nothing) an order sent without its hooks when a referral or campaign now needs them", async () => {
    const { business, ann } = await setup();
    const payload = {
      businessId: business.id, hooks: false, storeRef: null, requestHash: "x",
      ledger: { op: "enrol", enrol: { email: "new@example.com" }, businessId: business.id, actorType: "CLI", actorId: "t", source: "CLI" },
      order: { id: randomUUID(), externalId: "SO-H", currency: "USD", subtotal: 5000, discount: 0, shipping: 0, tax: 0, status: "PENDING",
               placedAt: null, referralCode: ann.referralCode, eligibleAmount: 5000, points: 50, awards: false },
      items: [],
    };
    await expect(rawPool().query("SELECT order_create($1::jsonb)", [JSON.stringify(payload)])).rejects.toMatchObject({ code: "LL409", message: "ORDER_HOOKS" });
    expect(await db.order.count({ where: { businessId: business.id } })).toBe(0);
  });
});
