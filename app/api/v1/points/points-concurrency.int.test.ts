// The ledger's concurrency and idempotency guarantees, repeated through the HTTP contract.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { call, createKey } from "@/test/api";
import { ledgerState, makeBusiness } from "@/test/fixtures";
import { POST as award } from "./award/route";
import { POST as redeem } from "./redeem/route";

describe("points API under concurrency", () => {
  it("200 concurrent redeems of 10 against 1,000: exactly 100 × 201 and 100 × 422, balance 0", async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id);
    const first = await call("POST", award, { key, body: { customerEmail: "hot@example.com", amount: 1000 } });
    const customerId = (first.data.transaction as { customerId: string }).customerId;
    const results = await Promise.all(Array.from({ length: 200 }, () => call("POST", redeem, { key, body: { customerId, amount: 10 } })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.filter((s) => s === 422)).toHaveLength(100);
    expect(await ledgerState(business.id, customerId)).toMatchObject({ balance: 0, entrySum: 0, lotSum: 0, entryCount: 101 });
  });

  it("100 concurrent awards with one idempotency key: one entry, the same answer for every caller", async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id);
    const body = { customerEmail: "idem@example.com", amount: 25, idempotencyKey: "order-77" };
    const results = await Promise.all(Array.from({ length: 100 }, () => call("POST", award, { key, body })));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => (r.data.transaction as { id: string }).id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(99);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("rate-limits per key with 429, Retry-After and X-RateLimit headers", async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id, { rateLimitPerMinute: 3 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await call("POST", award, { key, body: { customerEmail: "rl@example.com", amount: 1 } }));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    const limited = results[3]!;
    expect(limited.json).toMatchObject({ success: false, code: "RATE_LIMITED" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("x-ratelimit-limit")).toBe("3");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(3);
  });
});
