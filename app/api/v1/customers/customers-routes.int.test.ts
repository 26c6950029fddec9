import { describe, expect, it } from "vitest";
import { createCustomer } from "@/server/customers/create-customer";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { businessWithKey, call, createKey } from "@/test/api";
import { makeBusiness } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { PUT as upsert } from "./[id]/route";
import { GET as list, POST as create } from "./route";

const setup = businessWithKey;

type Customer = { id: string; email: string | null; name: string | null; balance: number };
const emails = (res: { data: Record<string, unknown> }) => (res.data.items as Customer[]).map((c) => c.email);

describe("GET /api/v1/customers", () => {
  it("searches, filters, sorts and pages, and never shows erased customers", async () => {
    const { business, actor, key } = await setup();
    const made = [];
    for (const [email, name, phone, initialPoints] of [
      ["ann@example.com", "Ann Lee", "+15550100001", 30],
      ["bob@example.com", "Bob Stone", "+15550100002", 10],
      ["cat@example.com", "Cat Annan", undefined, 20],
      ["gone@example.com", "Gone Annie", undefined, 5],
    ] as const) made.push((await createCustomer(db, actor, { email, name, phone, initialPoints })).customer);
    await db.customer.updateMany({ where: { id: made[1]!.id }, data: { status: "BLOCKED" } });
    await eraseCustomer(db, actor, { id: made[3]!.id });

    const all = await call("GET", list, { key, query: { sortBy: "balance", sortOrder: "desc" } });
    expect(all.status).toBe(200);
    expect(emails(all)).toEqual(["ann@example.com", "cat@example.com", "bob@example.com"]);
    expect(all.data.pagination).toEqual({ page: 1, perPage: 25, total: 3, totalPages: 1, totalIsEstimate: false });
    expect((all.data.items as Customer[])[0]).toMatchObject({ name: "Ann Lee", phone: "+15550100001", balance: 30, lifetimeEarned: 30, status: "ACTIVE", tier: "Bronze" });

    expect(emails(await call("GET", list, { key, query: { search: "ANN", sortBy: "name", sortOrder: "asc" } }))).toEqual(["ann@example.com", "cat@example.com"]);
    expect(emails(await call("GET", list, { key, query: { search: "BOB@EXAMPLE" } }))).toEqual(["bob@example.com"]);
    expect(emails(await call("GET", list, { key, query: { search: "555 0100 002" } }))).toEqual(["bob@example.com"]);
    expect(emails(await call("GET", list, { key, query: { status: "BLOCKED" } }))).toEqual(["bob@example.com"]);
    expect(emails(await call("GET", list, { key, query: { search: "%" } }))).toEqual([]);
    expect(emails(await call("GET", list, { key, query: { search: "_" } }))).toEqual([]);

    const page2 = await call("GET", list, { key, query: { perPage: 2, page: 2, sortBy: "balance", sortOrder: "asc" } });
    expect(emails(page2)).toEqual(["ann@example.com"]);
    expect(page2.data.pagination).toEqual({ page: 2, perPage: 2, total: 3, totalPages: 2, totalIsEstimate: false });
    // limit, perPage's older name, pages the same way and answers the same pagination object.
    const byLimit = await call("GET", list, { key, query: { limit: 2, page: 2, sortBy: "balance", sortOrder: "asc" } });
    expect(byLimit.json).toEqual(page2.json);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(4); // the erased row stays, anonymised
  });

  it("refuses bad paging and sorting with 400", async () => {
    const { key } = await setup();
    const queries: Record<string, string | number>[] = [
      { limit: 101 }, { perPage: 101 }, { perPage: 10, limit: 20 }, { page: 0 }, { sortBy: "password" }, { status: "DELETED" }, { sortOrder: "up" },
    ];
    for (const query of queries) {
      const res = await call("GET", list, { key, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.json.code).toBe("VALIDATION_ERROR");
    }
  });

  it("refuses an unknown parameter with a 400 naming it instead of listing everyone", async () => {
    const { actor, key } = await setup();
    await createCustomer(db, actor, { email: "blocked@example.com", name: "B" });
    const res = await call("GET", list, { key, query: { statusFilter: "BLOCKED" } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(res.json.error).toMatch(/^Invalid request: statusFilter: unknown query parameter \(accepted: page, perPage, limit, search, status, sortBy, sortOrder\)/);
    expect(res.json.items).toBeUndefined();
  });

  securityCases({ method: "GET", handler: list, scope: "customers:read", request: () => ({}) });
});

describe("POST /api/v1/customers", () => {
  it("enrols with normalised identity, welcome points and a customer.created event; 201", async () => {
    const { business, key } = await setup();
    const res = await call("POST", create, { key, body: { email: "Ann@Example.COM", name: "Ann", phone: "+1 (555) 010-2000", externalId: "shop-1", initialPoints: 50 } });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ created: true, customer: { email: "ann@example.com", phone: "+15550102000", externalId: "shop-1", balance: 50 } });
    const row = await db.customer.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ email: "ann@example.com", phone: "+15550102000", name: "Ann", balance: 50, lifetimeEarned: 50 });
    const entries = await db.ledgerEntry.findMany({ where: { businessId: business.id } });
    expect(entries).toMatchObject([{ customerId: row.id, type: "AWARD", points: 50, description: "Welcome points", actorType: "API_KEY" }]);
    const events = await db.outboxEvent.findMany({ where: { businessId: business.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["customer.created", "points.earned"]);
  });

  it("answers 200 with the existing customer for a known email, awarding nothing again", async () => {
    const { business, key } = await setup();
    const first = await call("POST", create, { key, body: { email: "ann@example.com", name: "Ann", initialPoints: 10 } });
    const again = await call("POST", create, { key, body: { email: "ANN@example.com", name: "Someone else", initialPoints: 10 } });
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({ created: false, customer: { id: (first.data.customer as Customer).id, name: "Ann", balance: 10 } });
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("needs points:write as well to create points with initialPoints", async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id, { scopes: ["customers:write"] });
    const refused = await call("POST", create, { key, body: { email: "crm@example.com", name: "Crm", initialPoints: 10_000_000 } });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatch(/points:write/);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
    const plain = await call("POST", create, { key, body: { email: "crm@example.com", name: "Crm" } });
    expect(plain.status).toBe(201);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("refuses another customer's phone or external id with 409, and bad input with 400, writing nothing", async () => {
    const { business, key } = await setup();
    await call("POST", create, { key, body: { email: "a@example.com", name: "A", phone: "5550100123", externalId: "ext-1" } });
    const phone = await call("POST", create, { key, body: { email: "b@example.com", name: "B", phone: "555-010-0123" } });
    expect(phone.status).toBe(409);
    expect(phone.json).toMatchObject({ success: false, code: "ALREADY_EXISTS", error: "Another customer in this business already has the phone number 5550100123." });
    const ext = await call("POST", create, { key, body: { email: "b@example.com", name: "B", externalId: "ext-1" } });
    expect(ext.json).toMatchObject({ code: "ALREADY_EXISTS", error: expect.stringContaining("external id ext-1") });
    for (const body of [{ name: "No email" }, { email: "nope", name: "X" }, { email: "c@example.com" }, { email: "c@example.com", name: "C", initialPoints: -1 }, { email: "c@example.com", name: "C", phone: "call me" }]) {
      const res = await call("POST", create, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(String(res.json.error)).toMatch(/^Invalid request: /);
    }
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("enrols by phone and name alone (till-only shops), with notes; a known phone answers 200 with that customer", async () => {
    const { business, key } = await setup();
    const res = await call("POST", create, { key, body: { phone: "+1 (555) 010-3000", name: "Till Only", notes: "Pays cash", initialPoints: 20 } });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ created: true, customer: { email: null, phone: "+15550103000", name: "Till Only", notes: "Pays cash", balance: 20 } });
    const row = await db.customer.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ email: null, phone: "+15550103000", name: "Till Only", notes: "Pays cash", balance: 20 });

    const again = await call("POST", create, { key, body: { phone: "+1 555.010.3000", name: "Someone else", notes: "other", initialPoints: 20 } });
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({ created: false, customer: { id: row.id, name: "Till Only", notes: "Pays cash", balance: 20 } });
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.outboxEvent.count({ where: { businessId: business.id, type: "customer.created" } })).toBe(1);
  });

  it("with an email, still refuses a phone that belongs to someone else with 409", async () => {
    const { business, key } = await setup();
    await call("POST", create, { key, body: { phone: "5550103001", name: "Till Only" } });
    const res = await call("POST", create, { key, body: { email: "new@example.com", phone: "5550103001", name: "New" } });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: "ALREADY_EXISTS", error: "Another customer in this business already has the phone number 5550103001." });
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("refuses notes over 1,000 characters or with a NUL, and a body without email or phone, writing nothing", async () => {
    const { business, key } = await setup();
    for (const body of [
      { email: "n@example.com", name: "N", notes: "x".repeat(1_001) },
      { email: "n@example.com", name: "N", notes: "nul\u0000" },
      { name: "Nobody", notes: "no way to find them again" },
    ]) {
      const res = await call("POST", create, { key, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    }
    const neither = await call("POST", create, { key, body: { name: "Nobody" } });
    expect(neither.json.error).toBe("Invalid request: email: send an email or a phone number (or both).");
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: create, scope: "customers:write", request: () => ({ body: { email: "s@example.com", name: "S" } }) });
});

describe("PUT /api/v1/customers/{externalId}", () => {
  it("creates by external id (201), then updates what is sent (200)", async () => {
    const { business, key } = await setup();
    const created = await call("PUT", upsert, { key, params: { id: "shop-77" }, body: { email: "Pat@Example.com", name: "Pat" } });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ created: true, customer: { externalId: "shop-77", email: "pat@example.com" } });
    const updated = await call("PUT", upsert, { key, params: { id: "shop-77" }, body: { name: "Pat Lee", phone: "+1 555 010 7777" } });
    expect(updated.status).toBe(200);
    const row = await db.customer.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ externalId: "shop-77", email: "pat@example.com", name: "Pat Lee", phone: "+15550107777" });
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "customer.updated", targetId: row.id } })).toMatchObject({ details: { fields: ["name", "phone"] } });
  });

  it("attaches the external id to a customer first enrolled by email, and refuses a taken email with 409", async () => {
    const { business, actor, key } = await setup();
    const { transaction } = await awardPoints(db, actor, { customerEmail: "till@example.com", amount: 40 });
    const linked = await call("PUT", upsert, { key, params: { id: "crm-9" }, body: { email: "till@example.com" } });
    expect(linked.status).toBe(200);
    expect(linked.data).toMatchObject({ created: false, customer: { id: transaction.customerId, externalId: "crm-9", balance: 40 } });
    const taken = await call("PUT", upsert, { key, params: { id: "crm-10" }, body: { email: "till@example.com" } });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toBe("Another customer in this business already has the email address till@example.com.");
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(1);
    expect((await call("PUT", upsert, { key, params: { id: "x".repeat(129) }, body: {} })).status).toBe(400);
  });

  it("never touches another business's customer with the same external id", async () => {
    const owner = await makeBusiness();
    const { customer } = await createCustomer(db, owner.actor, { email: "o@example.com", name: "Owner's", externalId: "same-id" });
    const { business, key } = await setup();
    const res = await call("PUT", upsert, { key, params: { id: "same-id" }, body: { name: "Intruder's" } });
    expect(res.status).toBe(201);
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ name: "Owner's", businessId: owner.business.id });
    expect(await db.customer.findFirst({ where: { businessId: business.id, externalId: "same-id" } })).toMatchObject({ name: "Intruder's" });
  });

  it("creates with initialPoints and notes in one go: customer, welcome points and events", async () => {
    const { business, key } = await setup();
    const res = await call("PUT", upsert, { key, params: { id: "shop-88" }, body: { phone: "5550104000", name: "Quinn", notes: "VIP", initialPoints: 75 } });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ created: true, customer: { externalId: "shop-88", notes: "VIP", balance: 75 } });
    const row = await db.customer.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ externalId: "shop-88", phone: "5550104000", notes: "VIP", balance: 75, lifetimeEarned: 75 });
    const entries = await db.ledgerEntry.findMany({ where: { businessId: business.id } });
    expect(entries).toMatchObject([{ customerId: row.id, type: "AWARD", points: 75, description: "Welcome points", actorType: "API_KEY" }]);
    const events = await db.outboxEvent.findMany({ where: { businessId: business.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["customer.created", "points.earned"]);

    // The same PUT again (a retry): 200, the customer as it is, no second welcome.
    const retry = await call("PUT", upsert, { key, params: { id: "shop-88" }, body: { phone: "5550104000", name: "Quinn", notes: "VIP", initialPoints: 75 } });
    expect(retry.status).toBe(200);
    expect(retry.data).toMatchObject({ created: false, customer: { id: row.id, balance: 75 } });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
    // Not a retry: other welcome points for the same customer, or welcome points for a customer
    // a PUT created without any, are refused like any update with initialPoints.
    const more = await call("PUT", upsert, { key, params: { id: "shop-88" }, body: { phone: "5550104000", name: "Quinn", notes: "VIP", initialPoints: 9999 } });
    expect(more.status).toBe(400);
    await call("PUT", upsert, { key, params: { id: "shop-90" }, body: { name: "Plain" } });
    const late = await call("PUT", upsert, { key, params: { id: "shop-90" }, body: { name: "Plain", initialPoints: 10 } });
    expect(late.status).toBe(400);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("refuses initialPoints on an update with 400, changing nothing; notes update like other fields", async () => {
    const { business, key } = await setup();
    await call("PUT", upsert, { key, params: { id: "shop-89" }, body: { email: "r@example.com", name: "Rae" } });
    const auditsBefore = await db.auditLog.count({ where: { businessId: business.id } });
    const refused = await call("PUT", upsert, { key, params: { id: "shop-89" }, body: { name: "Rae Changed", initialPoints: 10 } });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(refused.json.error).toMatch(/initialPoints applies only when the customer is created/);
    const row = await db.customer.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ name: "Rae", balance: 0 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { businessId: business.id } })).toBe(auditsBefore);

    const noted = await call("PUT", upsert, { key, params: { id: "shop-89" }, body: { notes: "Allergic to nuts" } });
    expect(noted.status).toBe(200);
    expect(noted.data).toMatchObject({ created: false, customer: { notes: "Allergic to nuts" } });
    expect(await db.customer.findFirstOrThrow({ where: { id: row.id } })).toMatchObject({ notes: "Allergic to nuts" });
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "customer.updated" } })).toMatchObject({ details: { fields: ["notes"] } });
  });

  it("needs points:write as well for initialPoints, and writes nothing without it", async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id, { scopes: ["customers:write"] });
    const refused = await call("PUT", upsert, { key, params: { id: "crm-1" }, body: { email: "crm@example.com", initialPoints: 500 } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "FORBIDDEN", error: "initialPoints needs the points:write scope; this API key lacks it." });
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
    expect((await call("PUT", upsert, { key, params: { id: "crm-1" }, body: { email: "crm@example.com" } })).status).toBe(201);
  });

  it("answers 409 pointing to PATCH for our own customer id in the path, instead of enrolling a second customer", async () => {
    const { business, actor, key } = await setup();
    const { customer } = await createCustomer(db, actor, { email: "own@example.com", name: "Own" });
    for (const id of [customer.id, customer.id.toUpperCase()]) {
      const res = await call("PUT", upsert, { key, params: { id }, body: { name: "Renamed" } });
      expect(res.status, id).toBe(409);
      expect(res.json).toMatchObject({ success: false, code: "CONFLICT" });
      expect(res.json.error).toContain(`PATCH /customers/${customer.id}`);
    }
    expect(await db.customer.findMany({ where: { businessId: business.id } })).toMatchObject([{ id: customer.id, name: "Own", externalId: null }]);
  });

  it("still takes a UUID that is a customer's external id, or no customer's id at all", async () => {
    const { business, actor, key } = await setup();
    const { customer } = await createCustomer(db, actor, { email: "a@example.com", name: "A" });
    // Another customer whose external id (from the store) happens to be the first one's id.
    const twin = await call("PUT", upsert, { key, params: { id: crypto.randomUUID() }, body: { email: "b@example.com", name: "B" } });
    expect(twin.status).toBe(201);
    await db.customer.update({ where: { businessId_id: { businessId: business.id, id: (twin.data.customer as Customer).id } }, data: { externalId: customer.id } });
    const updated = await call("PUT", upsert, { key, params: { id: customer.id }, body: { name: "B2" } });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ created: false, customer: { id: (twin.data.customer as Customer).id, name: "B2" } });
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ name: "A" });
  });

  securityCases({ method: "PUT", handler: upsert, scope: "customers:write", request: () => ({ params: { id: "ext-s" }, body: { name: "S" } }) });
});
