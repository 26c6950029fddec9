import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { businessWithKey, call } from "@/test/api";
import { makeBusiness } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { POST as bulk } from "./route";

const setup = businessWithKey;

type ItemResult = { index: number; success: boolean; replayed?: boolean; code?: string; error?: string; data?: Record<string, unknown> };
const resultsOf = (res: { data: Record<string, unknown> }) => res.data.results as ItemResult[];
const balanceOf = async (businessId: string, email: string) => (await db.customer.findFirstOrThrow({ where: { businessId, email } })).balance;

describe("POST /api/v1/points/bulk", () => {
  it("applies the good items and fails the bad ones alone, answering per item in order", async () => {
    const { business, key } = await setup();
    const operations = [
      { type: "award", customerEmail: "ann@example.com", amount: 100, staff: "Back office" },
      { type: "redeem", customerEmail: "ann@example.com", amount: 500 },
      { type: "adjust", customerEmail: "ann@example.com", points: -5 },
      "not an object",
      { type: "transfer", customerEmail: "ann@example.com", amount: 1 },
      { type: "redeem", customerEmail: "ann@example.com", amount: 40 },
      { type: "adjust", customerEmail: "ann@example.com", points: 7, reason: "Goodwill" },
      { type: "redeem", customerEmail: "ghost@example.com", amount: 1 },
      { type: "award", customerPhone: "+1 555 0120 000", amount: 3 },
    ];
    const res = await call("POST", bulk, { key, body: { operations } });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ processed: 4, failed: 5 });
    const results = resultsOf(res);
    expect(results.map((r) => [r.index, r.success, r.code])).toEqual([
      [0, true, undefined], [1, false, "INSUFFICIENT_POINTS"], [2, false, "VALIDATION_ERROR"], [3, false, "VALIDATION_ERROR"],
      [4, false, "VALIDATION_ERROR"], [5, true, undefined], [6, true, undefined], [7, false, "CUSTOMER_NOT_FOUND"], [8, true, undefined],
    ]);
    expect(results[2]!.error).toMatch(/reason/);
    expect(results[0]!.data).toMatchObject({ balance: 100, customerCreated: true, transaction: { type: "AWARD", source: "BULK" } });
    const ann = await db.customer.findFirstOrThrow({ where: { businessId: business.id, email: "ann@example.com" } });
    const annEntries = await db.ledgerEntry.findMany({ where: { businessId: business.id, customerId: ann.id }, orderBy: { createdAt: "asc" } });
    expect(annEntries.map((e) => [e.type, e.points, e.balanceAfter, e.source])).toEqual([["AWARD", 100, 100, "BULK"], ["REDEEM", -40, 60, "BULK"], ["ADJUST", 7, 67, "BULK"]]);
    expect(annEntries[0]!.staffName).toBe("Back office");
    expect(ann.balance).toBe(67);
    const bob = await db.customer.findFirstOrThrow({ where: { businessId: business.id, phone: "+15550120000" } });
    expect(bob.balance).toBe(3);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(4);
    expect(await db.customer.count({ where: { businessId: business.id, email: "ghost@example.com" } })).toBe(0);
  });

  it("fails an item with an unknown field alone, naming the field, and applies the rest", async () => {
    const { business, key } = await setup();
    const operations = [
      { type: "award", customerEmail: "u@example.com", amount: 30, staff: "Kim", referenceId: "row-1" },
      { type: "award", customer_email: "u@example.com", amount: 5 },
      { type: "redeem", customerEmail: "u@example.com", amount: 10, skipMultiplier: true },
      { type: "adjust", customerEmail: "u@example.com", points: 2, reason: "Fix" },
    ];
    const res = await call("POST", bulk, { key, body: { operations } });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ processed: 2, failed: 2 });
    const results = resultsOf(res);
    expect(results.map((r) => [r.index, r.success, r.code])).toEqual([[0, true, undefined], [1, false, "VALIDATION_ERROR"], [2, false, "VALIDATION_ERROR"], [3, true, undefined]]);
    expect(results[1]!.error).toMatch(/^Invalid operation: customer_email: unknown field \(accepted: type, staff, customerId, customerEmail, /);
    expect(results[2]!.error).toMatch(/^Invalid operation: skipMultiplier: unknown field/);
    const entries = await db.ledgerEntry.findMany({ where: { businessId: business.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.type, e.points, e.staffName, e.idempotencyKey])).toEqual([["AWARD", 30, "Kim", "row-1"], ["ADJUST", 2, null, null]]);
    expect(await balanceOf(business.id, "u@example.com")).toBe(32);
  });

  it("refuses an unknown field next to operations with 400, running none of them", async () => {
    const { business, key } = await setup();
    const res = await call("POST", bulk, { key, body: { operations: [{ type: "award", customerEmail: "e@example.com", amount: 5 }], dryRun: true } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ success: false, code: "VALIDATION_ERROR", error: "Invalid request: dryRun: unknown field (accepted: operations)." });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("runs items for one customer in the order listed, while others run alongside", async () => {
    const { business, key } = await setup();
    // Each redeem spends exactly what the award before it gave: out of order, one would fail.
    const operations = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? { type: "award", customerEmail: `c${i % 4}@example.com`, amount: 10 + i } : { type: "redeem", customerEmail: `c${(i - 1) % 4}@example.com`, amount: 9 + i },
    );
    const res = await call("POST", bulk, { key, body: { operations } });
    expect(res.data).toMatchObject({ processed: 40, failed: 0 });
    expect(resultsOf(res).map((r) => r.index)).toEqual(operations.map((_, i) => i));
    const sum = await db.ledgerEntry.aggregate({ where: { businessId: business.id }, _sum: { points: true } });
    expect(sum._sum.points).toBe(0);
  });

  it("replays each item by its own idempotency key and refuses a key reused for a different item", async () => {
    const { business, key } = await setup();
    const operations = [
      { type: "award", customerEmail: "r@example.com", amount: 50, idempotencyKey: "row-1" },
      { type: "adjust", customerEmail: "r@example.com", points: -10, reason: "Fix", idempotencyKey: "row-2" },
    ];
    const first = await call("POST", bulk, { key, body: { operations } });
    expect(first.data).toMatchObject({ processed: 2, failed: 0 });
    const again = await call("POST", bulk, { key, body: { operations: [...operations, { type: "award", customerEmail: "r@example.com", amount: 5, idempotencyKey: "row-3" }] } });
    expect(resultsOf(again).map((r) => r.replayed)).toEqual([true, true, false]);
    // Each replayed item's data is exactly what the first request answered for it.
    expect(resultsOf(again).slice(0, 2).map((r) => r.data)).toEqual(resultsOf(first).map((r) => r.data));
    expect(resultsOf(first)[0]!.data).toMatchObject({ customerCreated: true });
    const changed = await call("POST", bulk, { key, body: { operations: [{ ...operations[0], amount: 60 }] } });
    expect(resultsOf(changed)[0]).toMatchObject({ success: false, code: "IDEMPOTENCY_MISMATCH" });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(3);
    expect(await balanceOf(business.id, "r@example.com")).toBe(45);
  });

  it("takes 1,000 operations, and refuses 1,001, an empty list or no list with 400, writing nothing", async () => {
    const { business, key } = await setup();
    const award = (i: number) => ({ type: "award", customerEmail: `m${i % 50}@example.com`, amount: 1 });
    const tooMany = await call("POST", bulk, { key, body: { operations: Array.from({ length: 1_001 }, (_, i) => award(i)) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(tooMany.json.error).toMatch(/at most 1,000/);
    for (const body of [{ operations: [] }, {}, { operations: "award" }]) {
      expect((await call("POST", bulk, { key, body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
    const max = await call("POST", bulk, { key, body: { operations: Array.from({ length: 1_000 }, (_, i) => award(i)) } });
    expect(max.data).toMatchObject({ processed: 1_000, failed: 0 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id, source: "BULK" } })).toBe(1_000);
    expect(await balanceOf(business.id, "m7@example.com")).toBe(20);
  });

  it("fails an item naming another business's customer as not found, touching nothing of theirs", async () => {
    const owner = await makeBusiness();
    const { transaction } = await awardPoints(db, owner.actor, { customerEmail: "theirs@example.com", amount: 30 });
    const { key } = await setup();
    const res = await call("POST", bulk, { key, body: { operations: [
      { type: "award", customerId: transaction.customerId, amount: 5 },
      { type: "redeem", customerId: transaction.customerId, amount: 5 },
      { type: "adjust", customerId: transaction.customerId, points: -5, reason: "x" },
    ] } });
    expect(resultsOf(res).map((r) => r.code)).toEqual(["CUSTOMER_NOT_FOUND", "CUSTOMER_NOT_FOUND", "CUSTOMER_NOT_FOUND"]);
    expect(await db.ledgerEntry.count({ where: { businessId: owner.business.id } })).toBe(1);
    expect((await db.customer.findFirstOrThrow({ where: { id: transaction.customerId } })).balance).toBe(30);
  });

  // A foreign customer fails per item (above), not as an HTTP 404: the batch itself is valid.
  securityCases({ method: "POST", handler: bulk, scope: "points:write", request: () => ({ body: { operations: [{ type: "award", customerEmail: "s@example.com", amount: 5 }] } }) });
});
