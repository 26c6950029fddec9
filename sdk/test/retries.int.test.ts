// The SDK's retries against the app over real sockets: a write whose answer was lost is resent
// with the same idempotency key and lands once; a 429 is waited out for its Retry-After; a 4xx
// is never retried. Sleeps are injected: the tests record the waits instead of waiting.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { businessWithKey, createKey } from "@/test/api";
import { startApiServer } from "@/test/api-http-server";
import { LoyaltyLedger, LoyaltyLedgerError } from "../src/index.js";

function recordingSleep(onSleep: (ms: number) => Promise<void> | void = () => undefined) {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void (waits.push(ms), await onSleep(ms)) };
}

describe("after a dropped connection", () => {
  it("resends the award with the same idempotency key, and the points land once", async () => {
    const { business, key } = await businessWithKey({ earnMode: "SPEND", earnRate: 1 });
    // The first award is carried out, then its socket closed before the answer is written.
    const server = await startApiServer({ dropAnswer: (c) => c.template === "/points/award" && c.index === 0 });
    const { waits, sleep } = recordingSleep();
    const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl, sleep });

    const award = await ll.post("/points/award", { body: { customerEmail: "drop@example.com", amount: 120 } });

    const sent = server.calls.filter((c) => c.template === "/points/award");
    expect(sent.map((c) => c.status)).toEqual([201, 201]);
    expect(JSON.parse(sent[1]!.body)).toEqual(JSON.parse(sent[0]!.body));
    expect(JSON.parse(sent[0]!.body).idempotencyKey).toEqual(expect.any(String));
    expect(waits).toHaveLength(1);
    const customer = await db.customer.findFirstOrThrow({ where: { businessId: business.id, email: "drop@example.com" } });
    const entries = await db.ledgerEntry.findMany({ where: { businessId: business.id, customerId: customer.id } });
    expect(entries.map((e) => [e.type, e.points])).toEqual([["AWARD", 120]]);
    expect(customer.balance).toBe(120);
    expect(award.transaction.id).toBe(entries[0]!.id);
  });

  it("does not resend a write that takes no idempotency key: the caller gets NETWORK_ERROR", async () => {
    const { business, key } = await businessWithKey();
    const server = await startApiServer({ dropAnswer: (c) => c.template === "/rewards" && c.method === "POST" });
    const { waits, sleep } = recordingSleep();
    const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl, sleep });

    const error = await ll.post("/rewards", { body: { title: "Mug", pointsCost: 10 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoyaltyLedgerError);
    expect(error).toMatchObject({ status: 0, code: "NETWORK_ERROR" });
    expect(server.calls.filter((c) => c.template === "/rewards")).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(await db.reward.count({ where: { businessId: business.id } })).toBe(1);
  });
});

describe("on 429", () => {
  it("waits the Retry-After the API sent, then goes on", async () => {
    const { business } = await businessWithKey();
    const { key } = await createKey(business.id, { rateLimitPerMinute: 1 });
    const server = await startApiServer();
    // Waiting out the window is what the sleep stands for: the window's count is dropped.
    const { waits, sleep } = recordingSleep(() => db.$executeRaw`DELETE FROM rate_limits`.then(() => undefined));
    const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl, sleep });

    await ll.get("/badges");
    await ll.get("/badges");

    expect(server.calls.map((c) => c.status)).toEqual([200, 429, 200]);
    const retryAfter = Number(server.calls[1]!.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(waits).toEqual([retryAfter * 1000]);
  });

  it("gives up after maxRetries with the API's RATE_LIMITED", async () => {
    const { business } = await businessWithKey();
    const { key } = await createKey(business.id, { rateLimitPerMinute: 1 });
    const server = await startApiServer();
    const { waits, sleep } = recordingSleep();
    const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl, sleep, maxRetries: 2 });

    await ll.get("/badges");
    const error = await ll.get("/badges").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(server.calls.map((c) => c.status)).toEqual([200, 429, 429, 429]);
    expect(waits).toHaveLength(2);
  });
});

describe("on a 4xx", () => {
  it("throws the API's code and request id at once, without retrying, and writes nothing", async () => {
    const { business, key } = await businessWithKey();
    const server = await startApiServer();
    const { waits, sleep } = recordingSleep();
    const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl, sleep });
    await ll.post("/points/award", { body: { customerEmail: "short@example.com", amount: 5 } });
    const before = await db.ledgerEntry.count({ where: { businessId: business.id } });

    const error = await ll.post("/points/redeem", { body: { customerEmail: "short@example.com", amount: 100_000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoyaltyLedgerError);
    expect(error).toMatchObject({ status: 422, code: "INSUFFICIENT_POINTS", requestId: expect.any(String) });
    expect((error as Error).message).toMatch(/points/i);
    expect(server.calls.filter((c) => c.template === "/points/redeem")).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(before);
  });
});
