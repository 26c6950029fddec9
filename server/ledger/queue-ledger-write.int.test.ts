import pg from "pg";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ledgerState, makeBusiness } from "../../test/fixtures";
import { createDb, databaseUrl, rawPoolOf } from "../db/client";
import { AppError, toAppError } from "../errors";
import { adjustPoints, awardPoints, listHistory, redeemPoints } from ".";

const wide = createDb(databaseUrl(), 20);
// A pool of 3 has a single lane: every write, whatever its customer or business, shares it.
const oneLane = createDb(databaseUrl(), 3);
afterAll(() => Promise.all([wide.$disconnect(), oneLane.$disconnect()]));
afterEach(() => vi.restoreAllMocks());

// The statements the ledger sends: how many, and how many writes each batch carried.
function watchStatements() {
  const pool = rawPoolOf(wide)!;
  const query = vi.spyOn(pool, "query");
  return () => {
    const sent = query.mock.calls.map(([statement]) => statement as unknown as { text: string; values: unknown[] });
    const batches = sent.filter((s) => s.text.includes("ledger_write_batch(")).map((s) => (s.values[0] as string[]).length);
    return { statements: sent.length, batches };
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
    const { statements, batches } = sent();
    expect(statements).toBeLessThan(60);
    expect(Math.max(...batches)).toBeGreaterThan(1);

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
    const { statements, batches } = sent();
    expect(statements).toBeLessThan(100);
    expect(Math.max(...batches)).toBeGreaterThan(1);
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
    expect(sent().batches).toEqual([1, 6]);
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

  it("a write Postgres can't parse fails alone, not the other writes (of any business) batched with it", async () => {
    const first = await makeBusiness();
    const other = await makeBusiness();
    const { transaction } = await awardPoints(oneLane, first.actor, { customerEmail: "a@example.com", amount: 10 });
    const outcomes = await Promise.allSettled([
      awardPoints(oneLane, first.actor, { customerId: transaction.customerId, amount: 1 }),
      // The actor's staff name isn't validated by the domain schemas (routes validate it); a NUL
      // makes its JSON something Postgres's jsonb refuses.
      awardPoints(oneLane, { ...first.actor, staffName: "bad\u0000" }, { customerId: transaction.customerId, amount: 2 }),
      awardPoints(oneLane, first.actor, { customerId: transaction.customerId, amount: 4 }),
      awardPoints(oneLane, other.actor, { customerEmail: "b@example.com", amount: 8 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    // What the route answers: a 400, as when the write is sent alone.
    expect(toAppError((outcomes[1] as PromiseRejectedResult).reason)).toMatchObject({ code: "VALIDATION_ERROR", status: 400 });
    expect(await ledgerState(first.business.id, transaction.customerId)).toMatchObject({ balance: 15, entryCount: 3 });
    expect(await oneLane.customer.findFirst({ where: { businessId: other.business.id } })).toMatchObject({ balance: 8 });
  });

  it("a customer locked elsewhere doesn't hold up the other customers of its lane", async () => {
    const { business, actor } = await makeBusiness();
    const locked = (await awardPoints(oneLane, actor, { customerEmail: "locked@example.com", amount: 10 })).transaction.customerId;
    const free = (await awardPoints(oneLane, actor, { customerEmail: "free@example.com", amount: 10 })).transaction.customerId;
    const holder = new pg.Client({ connectionString: databaseUrl() });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM customers WHERE id = $1 FOR UPDATE", [locked]);
      let lockedDone = false;
      const waiting = redeemPoints(oneLane, actor, { customerId: locked, amount: 3 }).finally(() => (lockedDone = true));
      // Until its batch is in Postgres, waiting for the lock.
      while ((await holder.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")).rowCount === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // Queued behind the locked customer's write in the same lane; must finish while the lock
      // is still held (if it waited for the lock, this await would never return: the test fails
      // on its timeout).
      const ok = await awardPoints(oneLane, actor, { customerId: free, amount: 5 });
      expect(ok.balance).toBe(15);
      expect(lockedDone).toBe(false);
      await holder.query("COMMIT");
      await expect(waiting).resolves.toMatchObject({ balance: 7 });
    } finally {
      await holder.end();
    }
    expect(await ledgerState(business.id, locked)).toMatchObject({ balance: 7, entryCount: 2 });
  });
});
