import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ledgerState, makeBusiness } from "../../test/fixtures";
import { createDb, databaseUrl, rawPoolOf } from "../db/client";
import { AppError } from "../errors";
import { adjustPoints, awardPoints, listHistory, redeemPoints } from ".";

const wide = createDb(databaseUrl(), 20);
afterAll(() => wide.$disconnect());
afterEach(() => vi.restoreAllMocks());

// Counts the statements the ledger sends, by function.
function watchStatements() {
  const pool = rawPoolOf(wide)!;
  const query = vi.spyOn(pool, "query");
  return () => {
    const sent = query.mock.calls.map(([statement]) => (typeof statement === "string" ? statement : (statement as { text: string }).text));
    return { single: sent.filter((t) => t.includes("ledger_write(")).length, batches: sent.filter((t) => t.includes("ledger_write_batch(")).length };
  };
}

describe("writes for one customer are grouped", () => {
  it("60 concurrent writes to one customer: fewer statements than writes, every write's own result", async () => {
    const { business, actor } = await makeBusiness();
    const { transaction } = await awardPoints(wide, actor, { customerEmail: "busy@example.com", amount: 100 });
    const customerId = transaction.customerId;
    const sent = watchStatements();
    const writes = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 2 ? redeemPoints(wide, actor, { customerId, amount: 7 }) : awardPoints(wide, actor, { customerId, amount: 5 }),
    );
    const results = await Promise.all(writes);
    const { single, batches } = sent();
    expect(batches).toBeGreaterThan(0);
    expect(single + batches).toBeLessThan(60);

    // 40 awards of 5, 20 redeems of 7, on top of 100.
    const state = await ledgerState(business.id, customerId);
    expect(state).toMatchObject({ balance: 100 + 200 - 140, entrySum: 160, lotSum: 160, entryCount: 61, lotsOutOfStepWithAllocations: 0 });
    // Each caller got its own entry and the balance right after it.
    expect(new Set(results.map((r) => r.transaction.id)).size).toBe(60);
    const entries = await wide.ledgerEntry.findMany({ where: { id: { in: results.map((r) => r.transaction.id) } } });
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const r of results) expect(byId.get(r.transaction.id)).toMatchObject({ points: r.transaction.points, balanceAfter: r.balance });
  });

  it("100 concurrent writes over 25 customers: grouped across customers, each customer's ledger exact", async () => {
    const { business, actor } = await makeBusiness();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await awardPoints(wide, actor, { customerEmail: `m${i}@example.com`, amount: 20 })).transaction.customerId);
    const sent = watchStatements();
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        i % 4 === 3
          ? redeemPoints(wide, actor, { customerId: ids[i % 25]!, amount: 30 }) // refused while the customer has < 30
          : awardPoints(wide, actor, { customerId: ids[i % 25]!, amount: 3 }),
      ),
    );
    const { single, batches } = sent();
    expect(batches).toBeGreaterThan(0);
    expect(single + batches).toBeLessThan(100);
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("INSUFFICIENT_POINTS");
    for (const customerId of ids) {
      const state = await ledgerState(business.id, customerId);
      expect(state.balance).toBe(state.entrySum);
      expect(state.balance).toBe(state.lotSum);
      expect(state.lotsOutOfStepWithAllocations).toBe(0);
    }
    const written = results.filter((r) => r.status === "fulfilled").length;
    expect(await wide.ledgerEntry.count({ where: { businessId: business.id } })).toBe(25 + written);
  });

  it("a refusal inside a batch undoes that write alone", async () => {
    const { business, actor } = await makeBusiness();
    const { transaction } = await awardPoints(wide, actor, { customerEmail: "mixed@example.com", amount: 50 });
    const customerId = transaction.customerId;
    const sent = watchStatements();
    // The first goes alone; the rest queue behind it and go as one batch.
    const outcomes = await Promise.allSettled([
      awardPoints(wide, actor, { customerId, amount: 10 }),
      redeemPoints(wide, actor, { customerId, amount: 1000, idempotencyKey: "too-much" }),
      redeemPoints(wide, actor, { customerId, amount: 20 }),
      awardPoints(wide, actor, { customerId, amount: 1, idempotencyKey: "k" }),
      awardPoints(wide, actor, { customerId, amount: 2, idempotencyKey: "k" }),
      awardPoints(wide, actor, { customerId, amount: 1, idempotencyKey: "k" }),
      adjustPoints(wide, actor, { customerId, points: -5, reason: "damaged card" }),
    ]);
    expect(sent().batches).toBe(1);
    const reason = (i: number) => ((outcomes[i] as PromiseRejectedResult).reason as AppError).code;
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(reason(1)).toBe("INSUFFICIENT_POINTS");
    expect(reason(4)).toBe("IDEMPOTENCY_MISMATCH");
    const value = (i: number) => (outcomes[i] as PromiseFulfilledResult<{ replay: boolean; balance: number }>).value;
    expect(value(5).replay).toBe(true);
    expect(value(6).balance).toBe(50 + 10 - 20 + 1 - 5);

    const state = await ledgerState(business.id, customerId);
    expect(state).toMatchObject({ balance: 36, entrySum: 36, lotSum: 36, entryCount: 5 });
    // The refused redeem didn't use up its key: sent again once affordable, it is written.
    await awardPoints(wide, actor, { customerId, amount: 1000 });
    await expect(redeemPoints(wide, actor, { customerId, amount: 1000, idempotencyKey: "too-much" })).resolves.toMatchObject({ replay: false, balance: 36 });
  });

  it("history lists a batch's entries in the order they were written", async () => {
    const { actor } = await makeBusiness();
    const { transaction } = await awardPoints(wide, actor, { customerEmail: "order@example.com", amount: 10 });
    const customerId = transaction.customerId;
    await Promise.all(Array.from({ length: 30 }, (_, i) => awardPoints(wide, actor, { customerId, amount: i + 1 })));
    const { items } = await listHistory(wide, actor, { customerId, perPage: 100 });
    const oldestFirst = [...items].reverse();
    expect(oldestFirst).toHaveLength(31);
    // Each entry's balance is the previous one's plus its points: no two entries swapped.
    oldestFirst.reduce((previous, entry) => {
      expect(entry.balanceAfter).toBe(previous + entry.points);
      return entry.balanceAfter;
    }, 0);
  });
});
