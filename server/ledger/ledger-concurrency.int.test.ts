import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ledgerState, makeBusiness } from "../../test/fixtures";
import { createDb, databaseUrl } from "../db/client";
import { AppError } from "../errors";
import { awardPoints, redeemPoints, reverseEntry } from ".";

// A pool as wide as the concurrency. Writes for one customer still queue in one lane of this
// process (queue-ledger-write.ts); "a retry that overlaps its original" below makes two of them
// meet in Postgres on purpose.
const wide = createDb(databaseUrl(), 50);
afterAll(() => wide.$disconnect());

describe("ledger under concurrency", () => {
  it("200 concurrent redeems of 10 against 1,000 points: exactly 100 succeed, balance 0", async () => {
    const { business, actor } = await makeBusiness();
    const { transaction } = await awardPoints(wide, actor, { customerEmail: "hot@example.com", amount: 1000 });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => redeemPoints(wide, actor, { customerId: transaction.customerId, amount: 10 })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r.reason as AppError).code);
    expect(ok).toHaveLength(100);
    expect(new Set(refused)).toEqual(new Set(["INSUFFICIENT_POINTS"]));
    const state = await ledgerState(business.id, transaction.customerId);
    expect(state).toMatchObject({ balance: 0, entrySum: 0, lotSum: 0, entryCount: 101, lifetimeRedeemed: 1000, lotsOutOfStepWithAllocations: 0 });
    // Every successful redeem saw a distinct balance: no two read the same one.
    const after = ok.map((r) => (r as PromiseFulfilledResult<{ balance: number }>).value.balance).sort((x, y) => x - y);
    expect(after).toEqual(Array.from({ length: 100 }, (_, i) => i * 10));
  });

  it("100 concurrent awards with one idempotency key: one entry, every caller the same result", async () => {
    const { business, actor } = await makeBusiness();
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        awardPoints(wide, actor, { customerEmail: "idem@example.com", amount: 25, idempotencyKey: "order-1" }),
      ),
    );
    expect(new Set(results.map((r) => r.transaction.id)).size).toBe(1);
    expect(results.filter((r) => !r.replay)).toHaveLength(1);
    expect(new Set(results.map((r) => r.balance))).toEqual(new Set([25]));
    const entries = await wide.ledgerEntry.findMany({ where: { businessId: business.id } });
    expect(entries).toHaveLength(1);
    expect(await wide.customer.count({ where: { businessId: business.id } })).toBe(1);
    expect(await wide.outboxEvent.count({ where: { businessId: business.id, type: "points.earned" } })).toBe(1);
  });

  it("the same key with a different request is refused, and a failed request doesn't burn its key", async () => {
    const { business, actor } = await makeBusiness();
    await awardPoints(wide, actor, { customerEmail: "k@example.com", amount: 10, idempotencyKey: "a" });
    await expect(awardPoints(wide, actor, { customerEmail: "k@example.com", amount: 11, idempotencyKey: "a" })).rejects.toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
    await expect(redeemPoints(wide, actor, { customerEmail: "k@example.com", amount: 50, idempotencyKey: "b" })).rejects.toMatchObject({ code: "INSUFFICIENT_POINTS" });
    await awardPoints(wide, actor, { customerEmail: "k@example.com", amount: 40 });
    const retried = await redeemPoints(wide, actor, { customerEmail: "k@example.com", amount: 50, idempotencyKey: "b" });
    expect(retried).toMatchObject({ replay: false, balance: 0 });
    // referenceId is an alias of idempotencyKey.
    const viaAlias = await awardPoints(wide, actor, { customerEmail: "k@example.com", amount: 10, referenceId: "a" });
    expect(viaAlias.replay).toBe(true);
    expect(await wide.ledgerEntry.count({ where: { businessId: business.id } })).toBe(3);
  });

  it("one key raced across two different customers still writes one entry", async () => {
    const { business, actor } = await makeBusiness();
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => awardPoints(wide, actor, { customerEmail: `c${i % 2}@example.com`, amount: 5, idempotencyKey: "shared" })),
    );
    const codes = settled.map((s) => (s.status === "fulfilled" ? "ok" : (s.reason as AppError).code));
    expect(codes.every((c) => c === "ok" || c === "IDEMPOTENCY_MISMATCH")).toBe(true);
    expect(await wide.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("concurrent reversals of one entry: exactly one wins", async () => {
    const { actor } = await makeBusiness();
    const award = await awardPoints(wide, actor, { customerEmail: "rv@example.com", amount: 30 });
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, () => reverseEntry(wide, actor, { entryId: award.transaction.id, reason: "dup" })),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(settled.filter((s) => s.status === "rejected").map((s) => (s.reason as AppError).code)).toEqual(Array(9).fill("ALREADY_REVERSED"));
  });

  it("a retry that overlaps its original, both waiting on the customer's lock, replays it instead of being refused", async () => {
    const { business, actor } = await makeBusiness();
    const { transaction } = await awardPoints(wide, actor, { customerEmail: "overlap@example.com", amount: 100 });
    const customerId = transaction.customerId;
    const connect = async () => {
      const client = new pg.Client({ connectionString: databaseUrl() });
      await client.connect();
      return client;
    };
    // Someone else (a portal transaction, another process) holds the customer for a moment, while
    // a till's redemption and its retry arrive on two connections.
    const [holder, first, second] = await Promise.all([connect(), connect(), connect()]);
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM customers WHERE business_id = $1 AND id = $2 FOR UPDATE", [business.id, customerId]);
      const request = JSON.stringify({
        op: "redeem", businessId: business.id, customerId, points: 100, idempotencyKey: "till-9-reward", requestHash: "same-request",
        actorType: "API_KEY", actorId: "key", source: "POS",
      });
      const write = (client: pg.Client) => client.query<{ result: { replay: boolean; entry: { id: string } } }>("SELECT ledger_write($1::jsonb) AS result", [request]);
      const writes = [write(first), write(second)];
      for (let polls = 0; ; polls++) {
        const { rows } = await holder.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE pid IN ($1, $2) AND wait_event_type = 'Lock'`,
          [(first as unknown as { processID: number }).processID, (second as unknown as { processID: number }).processID]);
        if (Number(rows[0]!.n) === 2) break;
        if (polls > 600) throw new Error("the two writes never both waited for the lock");
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await holder.query("COMMIT");
      const [a, b] = (await Promise.all(writes)).map((r) => r.rows[0]!.result);
      expect([a!.replay, b!.replay].sort()).toEqual([false, true]);
      expect(a!.entry.id).toBe(b!.entry.id);
    } finally {
      await Promise.all([holder.end(), first.end(), second.end()]);
    }
    expect(await wide.ledgerEntry.count({ where: { businessId: business.id, type: "REDEEM" } })).toBe(1);
    expect((await ledgerState(business.id, customerId)).balance).toBe(0);
  });
});
