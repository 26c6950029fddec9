// The referrals API against a real database: codes on customers, making referrals (and the refusals),
// completion by the referee's first qualifying order, reading them, and who may call; asserted on rows.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createCustomer } from "@/server/customers/create-customer";
import { call, createKey } from "@/test/api";
import { makeBusiness } from "@/test/fixtures";
import { customerByEmail, events, order, referralEntries, referralsOf, setup } from "@/test/referral-fixtures";
import { securityCases } from "@/test/security-cases";
import { PUT as putOrder } from "../orders/[externalId]/route";
import { POST as postOrder } from "../orders/route";
import { DELETE as withdraw, GET as getOne } from "./[id]/route";
import { GET as list, POST as post } from "./route";

describe("referral codes", () => {
  it("every customer has one: 8 characters without 0, O, 1 or I, shown on the customer", async () => {
    const { business, ann } = await setup();
    const { customer: bob } = await createCustomer(db, (await makeBusiness()).actor, { name: "Bob", email: "bob@example.com" });
    const row = await db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: ann.id } } });
    expect(row.referralCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(ann.referralCode).toBe(row.referralCode);
    expect(bob.referralCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  });
});

describe("POST /api/v1/referrals", () => {
  it("a referral by code, then the referee's first qualifying order completes it: both sides credited once, pending for pendingDays", async () => {
    const { key, business, ann } = await setup({ pendingDays: 14 });
    const res = await call("POST", post, { key, body: { referrer: ann.referralCode!.toLowerCase(), refereeEmail: "Cy@Example.com" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.data).toMatchObject({ status: "PENDING", source: "API", referrerId: ann.id, code: ann.referralCode, referee: { customerId: null, email: "cy@example.com" } });
    // The same request again answers the same referral.
    const again = await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "cy@example.com" } });
    expect([again.status, again.data.id]).toEqual([200, res.data.id]);
    expect(await referralsOf(business.id)).toHaveLength(1);

    expect((await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "cy@example.com" }) })).status).toBe(201);
    const cy = await customerByEmail(business.id, "cy@example.com");
    const [referral] = await referralsOf(business.id);
    expect(referral).toMatchObject({ status: "COMPLETED", refereeId: cy.id, referrerPoints: 500, refereePoints: 200 });
    const credited = await referralEntries(business.id);
    expect(credited.map((e) => [e.customerId, e.points, e.idempotencyKey])).toEqual([
      [ann.id, 500, `referral:${referral!.id}:referrer`],
      [cy.id, 200, `referral:${referral!.id}:referee`],
    ]);
    expect(credited.every((e) => e.availableAt !== null)).toBe(true);
    expect((await db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: ann.id } } })).pending).toBe(500);

    // A replay of the order, a second order and moving it on award nothing more.
    expect((await call("POST", postOrder, { key, body: order("SO-1", { customerEmail: "cy@example.com" }) })).status).toBe(200);
    expect((await call("POST", postOrder, { key, body: order("SO-2", { customerEmail: "cy@example.com" }) })).status).toBe(201);
    expect((await call("PUT", putOrder, { key, params: { externalId: "SO-1" }, body: { status: "FULFILLED" } })).status).toBe(200);
    expect(await referralEntries(business.id)).toHaveLength(2);
    expect(await events(business.id, "referral.created")).toHaveLength(1);
    const [completed] = await events(business.id, "referral.completed");
    expect(completed!.payload).toMatchObject({ referral: { id: referral!.id, status: "COMPLETED", orderId: referral!.orderId, referrerPoints: 500 } });
    expect(JSON.stringify(completed!.payload)).not.toContain("cy@example.com");
  });

  it("an order below the minimum doesn't complete it; the first one that reaches it (when paid) does", async () => {
    const { key, business, ann } = await setup();
    await call("POST", post, { key, body: { referrer: ann.id, refereePhone: "+1 555 010 0009" } });
    await call("POST", postOrder, { key, body: order("SO-small", { customerPhone: "+15550100009" }, { subtotal: 2000, items: [{ productExternalId: "b", quantity: 1, unitPrice: 2000 }] }) });
    expect((await referralsOf(business.id))[0]).toMatchObject({ status: "PENDING" });
    expect(await referralEntries(business.id)).toEqual([]);
    await call("POST", postOrder, { key, body: order("SO-big", { customerPhone: "+15550100009" }, { status: "PENDING" }) });
    expect((await referralsOf(business.id))[0]).toMatchObject({ status: "PENDING" });
    await call("PUT", putOrder, { key, params: { externalId: "SO-big" }, body: { status: "PAID" } });
    expect((await referralsOf(business.id))[0]).toMatchObject({ status: "COMPLETED", referrerPoints: 500, refereePoints: 200 });
    expect(await referralEntries(business.id)).toHaveLength(2);
  });

  it("refuses self-referral: the same customer, the same email in another case, the same phone", async () => {
    const { key, business, ann } = await setup();
    for (const body of [{ referrer: ann.id, refereeEmail: "ANN@example.com" }, { referrer: ann.referralCode, refereePhone: "+1 (555) 010-0001" }]) {
      const res = await call("POST", post, { key, body });
      expect([res.status, res.json.code], JSON.stringify(body)).toEqual([422, "REFERRAL_NOT_ALLOWED"]);
    }
    expect(await referralsOf(business.id)).toEqual([]);
    // By order: Ann using her own code makes no referral, and the order goes through.
    const res = await call("POST", postOrder, { key, body: order("SO-self", { customerId: ann.id }, { referralCode: ann.referralCode }) });
    expect(res.status).toBe(201);
    expect(await referralsOf(business.id)).toEqual([]);
  });

  it("refuses a second referral of the same person, and someone already a customer with orders", async () => {
    const { key, business, actor, ann } = await setup();
    const { customer: bea } = await createCustomer(db, actor, { name: "Bea", email: "bea@example.com" });
    expect((await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "dan@example.com" } })).status).toBe(201);
    const second = await call("POST", post, { key, body: { referrer: bea.id, refereeEmail: "DAN@example.com" } });
    expect([second.status, second.json.code]).toEqual([409, "ALREADY_REFERRED"]);
    await call("POST", postOrder, { key, body: order("SO-eve", { customerEmail: "eve@example.com" }) });
    const existing = await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "eve@example.com" } });
    expect([existing.status, existing.json.code]).toEqual([422, "REFERRAL_NOT_ALLOWED"]);
    expect((await referralsOf(business.id)).map((r) => r.refereeEmail)).toEqual(["dan@example.com"]);
  });

  it("refuses malformed bodies with a 400 and writes nothing", async () => {
    const { key, business, ann } = await setup();
    for (const body of [{ referrer: ann.id }, { referrer: "", refereeEmail: "x@example.com" }, { referrer: ann.id, refereeEmail: "not-an-email" }, { referrer: ann.id, refereeEmail: "x@example.com", extra: 1 }, { referrer: 5, refereeEmail: "x@example.com" }]) {
      const res = await call("POST", post, { key, body });
      expect([res.status, res.json.code], JSON.stringify(body)).toEqual([400, "VALIDATION_ERROR"]);
    }
    expect((await call("POST", post, { key, rawBody: "{not json" })).status).toBe(400);
    expect(await referralsOf(business.id)).toEqual([]);
  });

  it("another business's customer or code names no one (404), and its referrals are not found", async () => {
    const mine = await setup();
    const other = await setup();
    for (const referrer of [other.ann.id, other.ann.referralCode!]) {
      const res = await call("POST", post, { key: mine.key, body: { referrer, refereeEmail: "fay@example.com" } });
      expect([res.status, res.json.code]).toEqual([404, "CUSTOMER_NOT_FOUND"]);
    }
    // An order naming another business's code goes through and makes no referral anywhere.
    expect((await call("POST", postOrder, { key: mine.key, body: order("SO-x", { customerEmail: "gus@example.com" }, { referralCode: other.ann.referralCode }) })).status).toBe(201);
    expect(await referralsOf(mine.business.id)).toEqual([]);
    expect(await referralsOf(other.business.id)).toEqual([]);
    const theirs = await call("POST", post, { key: other.key, body: { referrer: other.ann.id, refereeEmail: "hal@example.com" } });
    const read = await call("GET", getOne, { key: mine.key, params: { id: String(theirs.data.id) } });
    expect([read.status, read.json.code]).toEqual([404, "NOT_FOUND"]);
    const listed = await call("GET", list, { key: mine.key });
    expect(listed.data.items).toEqual([]);
  });

  securityCases({ method: "POST", handler: post, scope: "customers:write", request: async (business) => {
    const { customer } = await createCustomer(db, (await import("@/server/actors/actor")).cliActor(business.id), { name: "Sec", email: "sec@example.com" });
    return { body: { referrer: customer.id, refereeEmail: "new@example.com" } };
  } });
});

describe("GET /api/v1/referrals", () => {
  it("pages, filters by status and referrer; needs customers:read (a points-only key gets 403)", async () => {
    const { key, business, actor, ann } = await setup({ referralMinimumOrder: 0 });
    const { customer: bea } = await createCustomer(db, actor, { name: "Bea", email: "bea@example.com" });
    await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "k1@example.com" } });
    await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "k2@example.com" } });
    await call("POST", post, { key, body: { referrer: bea.id, refereeEmail: "k3@example.com" } });
    await call("POST", postOrder, { key, body: order("SO-k1", { customerEmail: "k1@example.com" }) });
    const page = await call("GET", list, { key, query: { perPage: 2 } });
    expect(page.data.pagination).toEqual({ page: 1, perPage: 2, total: 3, totalPages: 2 });
    const byAnn = await call("GET", list, { key, query: { referrerId: ann.id, status: "pending" } });
    expect((byAnn.data.items as { referee: { email: string } }[]).map((r) => r.referee.email)).toEqual(["k2@example.com"]);
    expect((await call("GET", list, { key, query: { status: "done" } })).status).toBe(400);
    expect((await call("GET", list, { key, query: { referrer: ann.id } })).status).toBe(400);
    const reader = await createKey(business.id, { scopes: ["customers:read"] });
    expect((await call("GET", list, { key: reader.key })).status).toBe(200);
    const pointsOnly = await createKey(business.id, { scopes: ["points:read"] });
    expect((await call("GET", list, { key: pointsOnly.key })).status).toBe(403);
    const one = await call("GET", getOne, { key, params: { id: "not-a-uuid" } });
    expect([one.status, one.json.code]).toEqual([404, "NOT_FOUND"]);
  });

  securityCases({ method: "GET", handler: list, scope: "customers:read", request: () => ({}) });
});

describe("DELETE /api/v1/referrals/{id}", () => {
  it("withdraws a pending referral, its contact details with it (audited by id only); a completed one stays (409); another business's is 404", async () => {
    const { key, business, ann } = await setup();
    const pending = await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "gone@example.com", refereePhone: "+15550100055" } });
    const done = await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "buyer@example.com" } });
    await call("POST", postOrder, { key, body: order("SO-W", { customerEmail: "buyer@example.com" }) });
    const other = await setup();
    expect((await call("DELETE", withdraw, { key: other.key, params: { id: String(pending.data.id) } })).status).toBe(404);
    const res = await call("DELETE", withdraw, { key, params: { id: String(pending.data.id) } });
    expect([res.status, res.data]).toEqual([200, { withdrawn: true }]);
    expect(await db.referral.count({ where: { businessId: business.id, refereeEmail: "gone@example.com" } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "referral.withdrawn" } });
    expect(audit).toMatchObject({ targetType: "referral", targetId: pending.data.id, details: { referrerId: ann.id } });
    expect(JSON.stringify(audit.details)).not.toMatch(/gone@example|0100055/);
    const [withdrawn] = await events(business.id, "referral.withdrawn");
    expect(withdrawn!.payload).toMatchObject({ referral: { id: pending.data.id, referrerId: ann.id } });
    expect(JSON.stringify(withdrawn!.payload)).not.toMatch(/gone@example|0100055/);
    const refused = await call("DELETE", withdraw, { key, params: { id: String(done.data.id) } });
    expect([refused.status, refused.json.code]).toEqual([409, "CONFLICT"]);
    expect(await referralsOf(business.id)).toMatchObject([{ id: done.data.id, status: "COMPLETED" }]);
    // The person can be referred afresh.
    expect((await call("POST", post, { key, body: { referrer: ann.id, refereeEmail: "gone@example.com" } })).status).toBe(201);
  });

  securityCases({ method: "DELETE", handler: withdraw, scope: "customers:write", request: async (business) => {
    const { customer } = await createCustomer(db, (await import("@/server/actors/actor")).cliActor(business.id), { name: "Sec", email: "sec@example.com" });
    const referral = await db.referral.create({ data: { businessId: business.id, referrerId: customer.id, refereeEmail: "x@example.com", source: "API" } });
    return { params: { id: referral.id } };
  } });
});
