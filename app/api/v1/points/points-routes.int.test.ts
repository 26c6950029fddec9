import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { withStaffName } from "@/server/actors/actor";
import { awardPoints, redeemPoints } from "@/server/ledger";
import { businessWithKey, call, foreignCustomer } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { POST as adjust } from "./adjust/route";
import { POST as award } from "./award/route";
import { GET as balance } from "./balance/route";
import { POST as expire } from "./expire/route";
import { GET as history } from "./history/route";
import { POST as redeem } from "./redeem/route";
import { POST as reverse } from "./reverse/route";

const setup = businessWithKey;

describe("POST /api/v1/points/award", () => {
  it("enrols, awards, answers 201 with the balance, and records who and from where", async () => {
    const { business, key } = await setup();
    const res = await call("POST", award, { key, body: { customerEmail: "Ann@Example.com", amount: 120, description: "Order 1", staff: "Sam", metadata: { till: 3 } } });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("x-ratelimit-limit")).toBe("1200");
    expect(res.data).toMatchObject({ balance: 120, customerCreated: true, transaction: { type: "AWARD", points: 120, balanceAfter: 120, staffName: "Sam", source: "API", actorType: "API_KEY" } });
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { businessId: business.id } });
    expect(entry).toMatchObject({ points: 120, staffName: "Sam", metadata: { till: 3 } });
    expect(await db.customer.findFirst({ where: { businessId: business.id, email: "ann@example.com" } })).toMatchObject({ balance: 120 });
  });

  it("refuses a staff name Postgres can't store with a 400 that names the field, writing nothing", async () => {
    const { business, key } = await setup();
    const res = await call("POST", award, { key, body: { customerEmail: "nul@example.com", amount: 5, staff: "Sam\u0000" } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR", error: expect.stringContaining("staff") });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("replays an idempotency key with the original result and a header, writing nothing", async () => {
    const { business, key } = await setup();
    const body = { customerEmail: "r@example.com", amount: 10, idempotencyKey: "order-9" };
    const first = await call("POST", award, { key, body });
    const again = await call("POST", award, { key, body });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    // Exactly the original body: customerCreated stays true although the customer exists now.
    expect(first.data).toMatchObject({ customerCreated: true });
    expect(again.json).toEqual(first.json);
    const mismatch = await call("POST", award, { key, body: { ...body, amount: 11 } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json).toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
    // referenceId is the key only when idempotencyKey is absent: with both, idempotencyKey rules.
    const both = await call("POST", award, { key, body: { ...body, referenceId: "order-11" } });
    expect(both.headers.get("idempotent-replayed")).toBe("true");
    expect((await call("POST", award, { key, body: { customerEmail: "r@example.com", amount: 10, referenceId: "order-9" } })).headers.get("idempotent-replayed")).toBe("true");
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("answers 400 with a sentence for bad input and writes nothing", async () => {
    const { business, key } = await setup();
    for (const body of [{ customerEmail: "a@example.com", amount: -5 }, { customerEmail: "a@example.com", amount: 2.5 }, { amount: 5 }, { customerEmail: "nope", amount: 5 }, { customerEmail: "a@example.com", amount: "5" }]) {
      const res = await call("POST", award, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
      expect(String(res.json.error)).toMatch(/^Invalid request: /);
    }
    expect((await call("POST", award, { key, rawBody: "{not json" })).json.code).toBe("INVALID_JSON");
    expect((await call("POST", award, { key, rawBody: JSON.stringify({ customerEmail: "a@example.com", amount: 1, description: "x".repeat(1_100_000) }) })).status).toBe(413);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("cuts off a streamed body with no Content-Length at 1 MB with 413", async () => {
    const { key } = await setup();
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk); // 2.5 MB unless we stop reading
        else controller.close();
      },
    });
    const request = new Request("http://localhost/api/v1/points/award", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await award(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(40);
  });

  it("takes referenceId as the idempotency key, and the key in an X-API-Key header", async () => {
    const { business, key } = await setup();
    const body = { customerEmail: "alias@example.com", amount: 15, referenceId: "order-7" };
    const first = await call("POST", award, { key: null, headers: { "x-api-key": key }, body });
    expect(first.status).toBe(201);
    const again = await call("POST", award, { key: null, headers: { "x-api-key": key }, body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await db.ledgerEntry.findMany({ where: { businessId: business.id } })).toMatchObject([{ points: 15, idempotencyKey: "order-7" }]);
  });

  securityCases({ method: "POST", handler: award, scope: "points:write", request: () => ({ body: { customerEmail: "s@example.com", amount: 5 } }),
    foreign: async (owner) => ({ body: { customerId: (await foreignCustomer(owner)).customerId, amount: 5 } }) });
});

describe("POST /api/v1/points/redeem", () => {
  it("redeems and refuses overdrawing with 422, leaving the ledger as it was", async () => {
    const { business, key } = await setup();
    await call("POST", award, { key, body: { customerPhone: "+1 555 0100 999", amount: 100 } });
    const ok = await call("POST", redeem, { key, body: { customerPhone: "+15550100999", amount: 60 } });
    expect(ok.status).toBe(201);
    expect(ok.data).toMatchObject({ balance: 40, transaction: { type: "REDEEM", points: -60 } });
    const short = await call("POST", redeem, { key, body: { customerPhone: "+15550100999", amount: 41 } });
    expect(short.status).toBe(422);
    expect(short.json).toMatchObject({ success: false, code: "INSUFFICIENT_POINTS" });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(2);
    const unknown = await call("POST", redeem, { key, body: { customerEmail: "ghost@example.com", amount: 1 } });
    expect(unknown.status).toBe(404);
  });

  it("refuses a blocked customer with 403", async () => {
    const { key } = await setup();
    const res = await call("POST", award, { key, body: { customerEmail: "bl@example.com", amount: 10 } });
    await db.customer.updateMany({ where: { id: (res.data.transaction as { customerId: string }).customerId }, data: { status: "BLOCKED" } });
    const blocked = await call("POST", redeem, { key, body: { customerEmail: "bl@example.com", amount: 1 } });
    expect(blocked.status).toBe(403);
    expect(blocked.json.code).toBe("CUSTOMER_BLOCKED");
  });

  securityCases({ method: "POST", handler: redeem, scope: "points:write", request: () => ({ body: { customerEmail: "s@example.com", amount: 5 } }),
    foreign: async (owner) => ({ body: { customerId: (await foreignCustomer(owner)).customerId, amount: 5 } }) });
});

describe("POST /api/v1/points/adjust, /reverse, /expire", () => {
  it("adjusts with a reason, and reverses once (by transactionId or entryId, stamping staff)", async () => {
    const { business, key } = await setup();
    const awarded = await call("POST", award, { key, body: { customerEmail: "x@example.com", amount: 100 } });
    const adjusted = await call("POST", adjust, { key, body: { customerEmail: "x@example.com", points: -30, reason: "Returned" } });
    expect(adjusted.data).toMatchObject({ balance: 70 });
    expect((await call("POST", adjust, { key, body: { customerEmail: "x@example.com", points: 5 } })).status).toBe(400);
    const transactionId = (adjusted.data.transaction as { id: string }).id;
    const reversed = await call("POST", reverse, { key, body: { transactionId, reason: "Mistake" } });
    expect(reversed.status).toBe(201);
    expect(reversed.data).toMatchObject({ balance: 100, transaction: { type: "REVERSAL", reversesEntryId: transactionId } });
    expect((await call("POST", reverse, { key, body: { transactionId, reason: "Again" } })).status).toBe(409);
    // entryId, the ledger's name for it, works too; staff is stamped on the reversal.
    const byEntryId = await call("POST", reverse, { key, body: { entryId: (awarded.data.transaction as { id: string }).id, reason: "Wrong customer", staff: "Kim" } });
    expect(byEntryId.status).toBe(201);
    expect(byEntryId.data).toMatchObject({ balance: 0, transaction: { type: "REVERSAL", staffName: "Kim" } });
    expect(await db.ledgerEntry.findFirst({ where: { businessId: business.id, type: "REVERSAL", staffName: "Kim" } })).toMatchObject({ points: -100 });
    expect(awarded.status).toBe(201);
    const sum = await db.ledgerEntry.aggregate({ where: { businessId: business.id }, _sum: { points: true } });
    expect(sum._sum.points).toBe(0);
  });

  it("expires by amount, soonest-expiring lot first, only among lots due by `before`", async () => {
    const { business, key } = await setup();
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    await call("POST", award, { key, body: { customerEmail: "e@example.com", amount: 40, expiresAt: inDays(5) } });
    await call("POST", award, { key, body: { customerEmail: "e@example.com", amount: 60, expiresAt: inDays(8) } });
    await call("POST", award, { key, body: { customerEmail: "e@example.com", amount: 30 } }); // never expires
    const expired = await call("POST", expire, { key, body: { customerEmail: "e@example.com", before: inDays(10), amount: 70 } });
    expect(expired.status).toBe(200);
    expect(expired.data).toMatchObject({ expired: 70, balance: 60, transaction: { type: "EXPIRE", points: -70 } });
    const lots = await db.pointLot.findMany({ where: { businessId: business.id }, orderBy: { points: "asc" } });
    expect(lots.map((l) => [l.points, l.remaining])).toEqual([[30, 30], [40, 0], [60, 30]]);
    // Nothing is due before tomorrow: no entry, expired 0, the balance as it stands.
    const none = await call("POST", expire, { key, body: { customerEmail: "e@example.com", before: inDays(1) } });
    expect(none.data).toEqual({ expired: 0, transaction: null, balance: 60 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id, type: "EXPIRE" } })).toBe(1);
  });

  it("stamps the staff name sent with an expiry on its entry", async () => {
    const { business, key } = await setup();
    await call("POST", award, { key, body: { customerEmail: "ex@example.com", amount: 40, expiresAt: "2100-01-01T00:00:00Z" } });
    const res = await call("POST", expire, { key, body: { customerEmail: "ex@example.com", before: "2100-01-02T00:00:00Z", staff: "Lee" } });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ expired: 40, balance: 0, transaction: { type: "EXPIRE", staffName: "Lee" } });
    expect(await db.ledgerEntry.findFirst({ where: { businessId: business.id, type: "EXPIRE" } })).toMatchObject({ points: -40, staffName: "Lee" });
  });

  securityCases({ method: "POST", handler: reverse, scope: "points:write", request: () => ({ body: { transactionId: crypto.randomUUID(), reason: "x" } }),
    foreign: async (owner) => ({ body: { transactionId: (await foreignCustomer(owner)).id, reason: "x" } }) });
  securityCases({ method: "POST", handler: adjust, scope: "points:write", request: () => ({ body: { customerEmail: "s@example.com", points: 5, reason: "x" } }),
    foreign: async (owner) => ({ body: { customerId: (await foreignCustomer(owner)).customerId, points: 5, reason: "x" } }) });
  securityCases({ method: "POST", handler: expire, scope: "points:write", request: () => ({ body: { customerEmail: "s@example.com" } }),
    foreign: async (owner) => ({ body: { customerId: (await foreignCustomer(owner)).customerId } }) });
});

describe("GET /api/v1/points/balance and /history", () => {
  it("reads balance by email and history with filters", async () => {
    const { key } = await setup();
    for (const amount of [10, 20, 30]) await call("POST", award, { key, body: { customerEmail: "h@example.com", amount, reference: `o-${amount}` } });
    await call("POST", redeem, { key, body: { customerEmail: "h@example.com", amount: 15 } });
    const bal = await call("GET", balance, { key, query: { email: "H@example.com" } });
    expect(bal.status).toBe(200);
    expect(bal.data).toMatchObject({ balance: 45, lifetimeEarned: 60, lifetimeRedeemed: 15, tier: "Bronze", expiringSoon: { points: 0, withinDays: 30 } });
    const hist = await call("GET", history, { key, query: { email: "h@example.com", type: "AWARD", perPage: 2 } });
    expect(hist.data).toMatchObject({ pagination: { total: 3, totalPages: 2, perPage: 2 } });
    expect((hist.data.items as unknown[]).length).toBe(2);
    expect((await call("GET", history, { key, query: { email: "h@example.com", perPage: 500 } })).status).toBe(400);
    expect((await call("GET", balance, { key, query: { email: "nobody@example.com" } })).status).toBe(404);
    expect((await call("GET", balance, { key, query: {} })).status).toBe(400);
  });

  it("names the customer in the query by email, phone or their body names", async () => {
    const { key } = await setup();
    await call("POST", award, { key, body: { customerEmail: "q@example.com", customerPhone: "+15550105000", amount: 12 } });
    const queries: Record<string, string>[] = [{ email: "Q@example.com" }, { customerEmail: "q@example.com" }, { phone: "+1 555 010 5000" }, { customerPhone: "+15550105000" }];
    for (const query of queries) {
      const res = await call("GET", balance, { key, query });
      expect(res.status, JSON.stringify(query)).toBe(200);
      expect(res.data).toMatchObject({ balance: 12 });
      expect((await call("GET", history, { key, query })).data).toMatchObject({ pagination: { total: 1 } });
    }
  });

  securityCases({ method: "GET", handler: balance, scope: "points:read", request: () => ({ query: { email: "s@example.com" } }),
    foreign: async (owner) => ({ query: { customerId: (await foreignCustomer(owner)).customerId } }) });
  securityCases({ method: "GET", handler: history, scope: "points:read", request: () => ({ query: { email: "s@example.com" } }),
    foreign: async (owner) => ({ query: { customerId: (await foreignCustomer(owner)).customerId } }) });
});

describe("GET /api/v1/points/history filters and paging", () => {
  async function customerWithEntries() {
    const { business, actor, key } = await setup();
    const staffed = (staffName: string | null) => withStaffName(actor, staffName);
    const email = "f@example.com";
    await awardPoints(db, staffed("Alice"), { customerEmail: email, amount: 10 });
    await awardPoints(db, staffed("Bob"), { customerEmail: email, amount: 20 });
    await redeemPoints(db, staffed("ALICE"), { customerEmail: email, amount: 5 });
    await awardPoints(db, staffed(null), { customerEmail: email, amount: 1 });
    const customer = await db.customer.findFirstOrThrow({ where: { businessId: business.id, email } });
    return { key, email, customer };
  }
  type Item = { type: string; points: number; staffName: string | null };
  const items = (res: { data: Record<string, unknown> }) => res.data.items as Item[];

  it("filters by staff name, exactly and case-insensitively, alongside ?email=", async () => {
    const { key, email } = await customerWithEntries();
    const alice = await call("GET", history, { key, query: { email, staff: "Alice" } });
    expect(alice.status).toBe(200);
    expect(items(alice).map((e) => [e.type, e.points, e.staffName])).toEqual([["REDEEM", -5, "ALICE"], ["AWARD", 10, "Alice"]]);
    expect(alice.data.pagination).toEqual({ page: 1, perPage: 25, total: 2, totalPages: 1 });
    expect(items(await call("GET", history, { key, query: { email, staff: "bob" } })).map((e) => e.points)).toEqual([20]);
    // Not a pattern: neither a prefix nor LIKE wildcards match.
    for (const staff of ["Ali", "Al_ce", "%"]) {
      expect(items(await call("GET", history, { key, query: { email, staff } })), staff).toEqual([]);
    }
  });

  it("takes the type in any case, and all for every type", async () => {
    const { key, email } = await customerWithEntries();
    for (const type of ["award", "Award", "AWARD"]) {
      expect(items(await call("GET", history, { key, query: { email, type } })).map((e) => e.points), type).toEqual([1, 20, 10]);
    }
    expect(items(await call("GET", history, { key, query: { email, type: "all" } }))).toHaveLength(4);
    expect(items(await call("GET", history, { key, query: { email, type: "redeem", staff: "alice" } })).map((e) => e.points)).toEqual([-5]);
    const bad = await call("GET", history, { key, query: { email, type: "transfer" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^Invalid request: type: must be one of AWARD, REDEEM, ADJUST, EXPIRE, REVERSAL or ALL/);
  });

  it("reads a date alone in from and to as that whole day, UTC", async () => {
    const { key, email, customer } = await customerWithEntries();
    const entries = await db.ledgerEntry.findMany({ where: { customerId: customer.id }, orderBy: { createdAt: "asc" } });
    // Days are taken from the entries' own stamps, so the test holds whenever it runs.
    const midnight = (date: Date, days = 0) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
    const dayOf = (date: Date) => date.toISOString().slice(0, 10);
    const firstDay = midnight(entries[0]!.createdAt);
    const count = (from: Date | null, to: Date | null) => entries.filter((e) => (!from || e.createdAt >= from) && (!to || e.createdAt < to)).length;
    const total = async (query: Record<string, string>) => (await call("GET", history, { key, query: { email, ...query } })).data.pagination;

    expect(await total({ to: dayOf(firstDay) })).toMatchObject({ total: count(null, midnight(firstDay, 1)) });
    expect(count(null, midnight(firstDay, 1))).toBeGreaterThanOrEqual(1);
    expect(await total({ from: dayOf(firstDay), to: dayOf(firstDay) })).toMatchObject({ total: count(firstDay, midnight(firstDay, 1)) });
    expect(await total({ to: dayOf(midnight(firstDay, -1)) })).toMatchObject({ total: 0 });
    expect(await total({ from: dayOf(firstDay) })).toMatchObject({ total: 4 });
    expect(await total({ from: dayOf(midnight(entries[3]!.createdAt, 1)) })).toMatchObject({ total: 0 });
    // A date-time bound is used as given.
    expect(await total({ to: entries[0]!.createdAt.toISOString() })).toMatchObject({ total: 0 });
  });

  it("pages by page and perPage, or limit, with the same pagination object as the customer list", async () => {
    const { key, email } = await customerWithEntries();
    const page2 = await call("GET", history, { key, query: { email, page: 2, perPage: 3 } });
    expect(page2.data.pagination).toEqual({ page: 2, perPage: 3, total: 4, totalPages: 2 });
    expect(items(page2).map((e) => e.points)).toEqual([10]);
    expect((await call("GET", history, { key, query: { email, page: 2, limit: 3 } })).json).toEqual(page2.json);
    const refused: Record<string, number>[] = [{ perPage: 101 }, { limit: 101 }, { perPage: 3, limit: 4 }, { page: 0 }];
    for (const query of refused) {
      const res = await call("GET", history, { key, query: { email, ...query } });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.json.code).toBe("VALIDATION_ERROR");
    }
  });

  it("refuses an unknown parameter with a 400 naming it instead of answering the whole history", async () => {
    const { key, email } = await customerWithEntries();
    const res = await call("GET", history, { key, query: { email, staffName: "Alice" } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(res.json.error).toMatch(/^Invalid request: staffName: unknown query parameter \(accepted: email, phone, /);
  });
});
