// Referrals through orders (POST /orders carrying a referralCode, PUT /orders moving it to paid)
// and erasure of the people in them, asserted on the rows.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { call } from "@/test/api";
import { customerByEmail, events, order, referralEntries, referralsOf, setup } from "@/test/referral-fixtures";
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

