import { describe, expect, it } from "vitest";
import { awardBadge } from "@/server/badges/award-badge";
import { createCustomer } from "@/server/customers/create-customer";
import { db } from "@/server/db/client";
import { cliActor } from "@/server/actors/actor";
import { awardPoints, redeemPoints } from "@/server/ledger";
import { call, createKey } from "@/test/api";
import { ledgerState, makeBusiness } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { POST as adjust } from "./points/route";
import { DELETE as erase, GET as get, PATCH as patch } from "./route";

async function setup() {
  const { business, actor } = await makeBusiness();
  const { key } = await createKey(business.id);
  const { customer } = await createCustomer(db, actor, { email: "ann@example.com", name: "Ann", phone: "5550100100", externalId: "ext-ann", initialPoints: 100 });
  return { business, actor, key, customer };
}

const ownerActor = (owner: { id: string }) => cliActor(owner.id);
async function foreignCustomer(owner: { id: string }) {
  return (await createCustomer(db, ownerActor(owner), { email: "owned@example.com", name: "Owned", initialPoints: 10 })).customer;
}
const audits = (businessId: string, targetId: string) =>
  db.auditLog.findMany({ where: { businessId, targetId }, orderBy: { id: "asc" } }).then((rows) => rows.map((r) => r.action));

describe("GET /api/v1/customers/{id}", () => {
  it("answers the customer with the 10 latest transactions, newest first, and badges", async () => {
    const { actor, key, customer } = await setup();
    for (let i = 1; i <= 11; i++) await awardPoints(db, actor, { customerId: customer.id, amount: i, description: `Visit ${i}` });
    await awardBadge(db, actor, { customerId: customer.id, badgeSlug: "first-visit" });
    const res = await call("GET", get, { key, params: { id: customer.id } });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ id: customer.id, email: "ann@example.com", balance: 166, badges: [{ slug: "first-visit", name: "First visit" }] });
    const recent = res.data.recentTransactions as { description: string; balanceAfter: number }[];
    expect(recent).toHaveLength(10);
    expect(recent[0]).toMatchObject({ description: "Visit 11", balanceAfter: 166 });
    expect(recent[9]!.description).toBe("Visit 2");
  });

  it("is 404 for an unknown, malformed or erased id", async () => {
    const { key, customer } = await setup();
    for (const id of [crypto.randomUUID(), "not-a-uuid", "'; DROP TABLE customers; --"]) {
      const res = await call("GET", get, { key, params: { id } });
      expect(res.status, id).toBe(404);
      expect(res.json).toMatchObject({ success: false, code: "CUSTOMER_NOT_FOUND" });
    }
    await call("DELETE", erase, { key, params: { id: customer.id } });
    expect((await call("GET", get, { key, params: { id: customer.id } })).status).toBe(404);
  });

  securityCases({ method: "GET", handler: get, scope: "customers:read", request: () => ({ params: { id: crypto.randomUUID() } }),
    foreign: async (owner) => ({ params: { id: (await foreignCustomer(owner)).id } }) });
});

describe("PATCH /api/v1/customers/{id}", () => {
  it("updates name and phone, blocks and unblocks, auditing each", async () => {
    const { business, key, customer } = await setup();
    const renamed = await call("PATCH", patch, { key, params: { id: customer.id }, body: { name: "Ann Lee", phone: "+1 555 010 0200" } });
    expect(renamed.status).toBe(200);
    expect(renamed.data).toMatchObject({ name: "Ann Lee", phone: "+15550100200" });
    expect((await call("PATCH", patch, { key, params: { id: customer.id }, body: { status: "BLOCKED" } })).data).toMatchObject({ status: "BLOCKED" });
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ name: "Ann Lee", phone: "+15550100200", status: "BLOCKED" });
    await call("PATCH", patch, { key, params: { id: customer.id }, body: { status: "BLOCKED" } }); // no change, no audit
    await call("PATCH", patch, { key, params: { id: customer.id }, body: { status: "ACTIVE", phone: null } });
    expect(await audits(business.id, customer.id)).toEqual(["customer.updated", "customer.blocked", "customer.updated", "customer.unblocked"]);
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ phone: null, status: "ACTIVE" });
  });

  it("sets and clears staff notes, stores them, shows them on GET and audits the field name only", async () => {
    const { business, key, customer } = await setup();
    const noted = await call("PATCH", patch, { key, params: { id: customer.id }, body: { notes: "Allergic to nuts" } });
    expect(noted.status).toBe(200);
    expect(noted.data).toMatchObject({ id: customer.id, notes: "Allergic to nuts" });
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ notes: "Allergic to nuts" });
    expect((await call("GET", get, { key, params: { id: customer.id } })).data).toMatchObject({ notes: "Allergic to nuts" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, targetId: customer.id, action: "customer.updated" } });
    expect(audit.details).toEqual({ fields: ["notes"] });

    const cleared = await call("PATCH", patch, { key, params: { id: customer.id }, body: { notes: null } });
    expect(cleared.data).toMatchObject({ notes: null });
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ notes: null });
    const tooLong = await call("PATCH", patch, { key, params: { id: customer.id }, body: { notes: "x".repeat(1_001) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error).toMatch(/^Invalid request: notes: /);
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ notes: null });
  });

  it("refuses an empty change (400), another customer's phone (409) and unknown ids (404)", async () => {
    const { actor, key, customer } = await setup();
    await createCustomer(db, actor, { email: "bob@example.com", name: "Bob", phone: "5550100999" });
    expect((await call("PATCH", patch, { key, params: { id: customer.id }, body: {} })).json).toMatchObject({ code: "VALIDATION_ERROR" });
    expect((await call("PATCH", patch, { key, params: { id: customer.id }, body: { status: "GONE" } })).status).toBe(400);
    const taken = await call("PATCH", patch, { key, params: { id: customer.id }, body: { phone: "555 010 0999" } });
    expect(taken.json).toMatchObject({ code: "ALREADY_EXISTS", error: "Another customer in this business already has the phone number 5550100999." });
    expect((await call("PATCH", patch, { key, params: { id: "nope" }, body: { name: "X" } })).status).toBe(404);
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ phone: "5550100100", name: "Ann" });
  });

  securityCases({ method: "PATCH", handler: patch, scope: "customers:write", request: () => ({ params: { id: crypto.randomUUID() }, body: { name: "X" } }),
    foreign: async (owner) => ({ params: { id: (await foreignCustomer(owner)).id }, body: { status: "BLOCKED" } }) });
});

describe("DELETE /api/v1/customers/{id}", () => {
  it("forfeits the balance through the ledger, anonymises the customer and keeps the history", async () => {
    const { business, actor, key, customer } = await setup();
    await redeemPoints(db, actor, { customerId: customer.id, amount: 30 });
    const res = await call("DELETE", erase, { key, params: { id: customer.id }, query: { reason: "GDPR request 12" } });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ erased: true, forfeitedPoints: 70 });
    const row = await db.customer.findFirstOrThrow({ where: { id: customer.id } });
    expect(row).toMatchObject({ email: null, phone: null, externalId: null, name: null, status: "BLOCKED", balance: 0 });
    expect(row.erasedAt).toBeInstanceOf(Date);
    const entries = await db.ledgerEntry.findMany({ where: { customerId: customer.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.type, e.points])).toEqual([["AWARD", 100], ["REDEEM", -30], ["ADJUST", -70]]);
    expect(entries[2]!.description).toBe("Customer data erased");
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 0, entrySum: 0, lotSum: 0, lotsOutOfStepWithAllocations: 0 });
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "customer.erased" } })).toMatchObject({ targetId: customer.id, details: { forfeitedPoints: 70, reason: "GDPR request 12" } });
    // Gone everywhere: the ledger refuses it, and the email is free for a new enrolment.
    expect((await call("POST", adjust, { key, params: { id: customer.id }, body: { points: 5, reason: "x" } })).status).toBe(404);
    expect((await call("DELETE", erase, { key, params: { id: customer.id } })).status).toBe(404);
    expect((await awardPoints(db, actor, { customerEmail: "ann@example.com", amount: 1 })).customerCreated).toBe(true);
  });

  it("erases a customer without points, writing no ledger entry", async () => {
    const { actor, key } = await setup();
    const { customer } = await createCustomer(db, actor, { email: "zero@example.com", name: "Zero" });
    expect((await call("DELETE", erase, { key, params: { id: customer.id } })).data).toEqual({ erased: true, forfeitedPoints: 0 });
    expect(await db.ledgerEntry.count({ where: { customerId: customer.id } })).toBe(0);
    expect((await call("DELETE", erase, { key, params: { id: "zero" } })).status).toBe(404);
  });

  it("needs the customers:erase scope: a customers:write key is refused and nothing changes", async () => {
    const { business, key: fullKey, customer } = await setup();
    const { key: writer } = await createKey(business.id, { scopes: ["customers:read", "customers:write", "points:read", "points:write"] });
    const refused = await call("DELETE", erase, { key: writer, params: { id: customer.id } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ success: false, code: "FORBIDDEN" });
    expect(refused.json.error).toMatch(/customers:erase/);
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ email: "ann@example.com", name: "Ann", erasedAt: null, balance: 100 });
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 100, entryCount: 1 });
    expect(await audits(business.id, customer.id)).not.toContain("customer.erased");

    const { key: eraser } = await createKey(business.id, { scopes: ["customers:erase"] });
    expect((await call("DELETE", erase, { key: eraser, params: { id: customer.id } })).data).toEqual({ erased: true, forfeitedPoints: 100 });
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ email: null, name: null, balance: 0 });
    // A key with no scopes listed keeps full access, erasure included.
    const { customer: other } = await createCustomer(db, ownerActor(business), { email: "bo@example.com", name: "Bo" });
    expect((await call("DELETE", erase, { key: fullKey, params: { id: other.id } })).status).toBe(200);
  });

  securityCases({ method: "DELETE", handler: erase, scope: "customers:erase", request: () => ({ params: { id: crypto.randomUUID() } }),
    foreign: async (owner) => ({ params: { id: (await foreignCustomer(owner)).id } }) });
});

describe("POST /api/v1/customers/{id}/points", () => {
  it("adjusts through the ledger with a reason, replays an idempotency key, and can't overdraw", async () => {
    const { business, key, customer } = await setup();
    const body = { points: -40, reason: "Returned item", idempotencyKey: "ret-1", staff: "Sam" };
    const res = await call("POST", adjust, { key, params: { id: customer.id }, body });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ balance: 60, transaction: { type: "ADJUST", points: -40, description: "Returned item", staffName: "Sam" } });
    const again = await call("POST", adjust, { key, params: { id: customer.id }, body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await call("POST", adjust, { key, params: { id: customer.id }, body: { points: -61, reason: "Too much" } })).json.code).toBe("INSUFFICIENT_POINTS");
    for (const bad of [{ points: 0, reason: "x" }, { points: 5 }, { points: 1.5, reason: "x" }]) {
      expect((await call("POST", adjust, { key, params: { id: customer.id }, body: bad })).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await call("POST", adjust, { key, params: { id: "abc" }, body: { points: 5, reason: "x" } })).status).toBe(404);
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 60, entrySum: 60, entryCount: 2 });
  });

  it("takes referenceId as the idempotency key", async () => {
    const { business, key, customer } = await setup();
    const body = { points: 15, reason: "Goodwill", referenceId: "ticket-1" };
    const first = await call("POST", adjust, { key, params: { id: customer.id }, body });
    const again = await call("POST", adjust, { key, params: { id: customer.id }, body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 115, entryCount: 2 });
  });

  securityCases({ method: "POST", handler: adjust, scope: "points:write", request: () => ({ params: { id: crypto.randomUUID() }, body: { points: 5, reason: "x" } }),
    foreign: async (owner) => ({ params: { id: (await foreignCustomer(owner)).id }, body: { points: 5, reason: "x" } }) });
});
