import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
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
  it("adjusts with a reason, reverses once, and expires by amount", async () => {
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
    const expired = await call("POST", expire, { key, body: { customerEmail: "x@example.com", before: new Date(Date.now() + 1000 * 86_400_000).toISOString(), amount: 25 } });
    expect(expired.status).toBe(200);
    expect(expired.data).toMatchObject({ expired: 0 }); // no lot has an expiry, so nothing is due
    expect(awarded.status).toBe(201);
    const sum = await db.ledgerEntry.aggregate({ where: { businessId: business.id }, _sum: { points: true } });
    expect(sum._sum.points).toBe(100);
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

  securityCases({ method: "GET", handler: balance, scope: "points:read", request: () => ({ query: { email: "s@example.com" } }),
    foreign: async (owner) => ({ query: { customerId: (await foreignCustomer(owner)).customerId } }) });
  securityCases({ method: "GET", handler: history, scope: "points:read", request: () => ({ query: { email: "s@example.com" } }),
    foreign: async (owner) => ({ query: { customerId: (await foreignCustomer(owner)).customerId } }) });
});
