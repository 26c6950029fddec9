import { describe, expect, it } from "vitest";
import { ledgerState, makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { AppError } from "../errors";
import { adjustPoints, awardPoints, expirePoints, getBalance, listHistory, redeemPoints, reverseEntry } from ".";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (e: unknown) => (e instanceof AppError ? e.code : `non-AppError: ${String(e)}`),
  );

describe("ledger operations", () => {
  it("awards to a new customer by email, enrolling them once, case-insensitively", async () => {
    const { business, actor } = await makeBusiness();
    const first = await awardPoints(db, actor, { customerEmail: "Ann@Example.com", amount: 120, description: "Order 1" });
    const second = await awardPoints(db, actor, { customerEmail: "ann@example.COM", amount: 30 });
    expect(first.customerCreated).toBe(true);
    expect(second.customerCreated).toBe(false);
    expect(second.balance).toBe(150);
    const customers = await db.customer.findMany({ where: { businessId: business.id } });
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ email: "ann@example.com", balance: 150, lifetimeEarned: 150, tier: "Bronze" });
    const events = await db.outboxEvent.findMany({ where: { businessId: business.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["customer.created", "points.earned", "points.earned"]);
  });

  it("redeems, refuses overdrawing without writing anything, and records balanceAfter", async () => {
    const { business, actor } = await makeBusiness();
    const award = await awardPoints(db, actor, { customerPhone: "+1 555 010 2000", amount: 100 });
    const redeem = await redeemPoints(db, actor, { customerPhone: "+15550102000", amount: 60, description: "Latte" });
    expect(redeem.transaction).toMatchObject({ type: "REDEEM", points: -60, balanceAfter: 40 });
    const before = await ledgerState(business.id, award.transaction.customerId);
    expect(await code(redeemPoints(db, actor, { customerPhone: "+15550102000", amount: 41 }))).toBe("INSUFFICIENT_POINTS");
    expect(await ledgerState(business.id, award.transaction.customerId)).toEqual(before);
    expect(before).toMatchObject({ balance: 40, entrySum: 40, lotSum: 40, lifetimeRedeemed: 60, entryCount: 2 });
  });

  it("adjusts both ways with a reason and never below zero", async () => {
    const { business, actor } = await makeBusiness();
    const { transaction } = await awardPoints(db, actor, { externalId: "shop-42", amount: 10 });
    const up = await adjustPoints(db, actor, { customerId: transaction.customerId, points: 25, reason: "Goodwill" });
    const down = await adjustPoints(db, actor, { customerId: transaction.customerId, points: -30, reason: "Returned item" });
    expect([up.balance, down.balance]).toEqual([35, 5]);
    expect(down.transaction.description).toBe("Returned item");
    expect(await code(adjustPoints(db, actor, { customerId: transaction.customerId, points: -6, reason: "Too much" }))).toBe("INSUFFICIENT_POINTS");
    await expect(adjustPoints(db, actor, { customerId: transaction.customerId, points: 5, reason: "" })).rejects.toThrow(/a reason is required/);
    const state = await ledgerState(business.id, transaction.customerId);
    expect(state).toMatchObject({ balance: 5, entrySum: 5, lotSum: 5, lifetimeEarned: 35, lifetimeRedeemed: 0 });
  });

  it("blocks earning and redeeming for a blocked customer, but allows corrections", async () => {
    const { actor } = await makeBusiness();
    const { transaction } = await awardPoints(db, actor, { customerEmail: "b@example.com", amount: 50 });
    await db.customer.updateMany({ where: { id: transaction.customerId }, data: { status: "BLOCKED" } });
    expect(await code(awardPoints(db, actor, { customerEmail: "b@example.com", amount: 5 }))).toBe("CUSTOMER_BLOCKED");
    expect(await code(redeemPoints(db, actor, { customerEmail: "b@example.com", amount: 5 }))).toBe("CUSTOMER_BLOCKED");
    expect((await adjustPoints(db, actor, { customerEmail: "b@example.com", points: -10, reason: "Fraud review" })).balance).toBe(40);
  });

  it("reverses an entry once only, and refuses to reverse expiries and reversals", async () => {
    const { business, actor } = await makeBusiness();
    const award = await awardPoints(db, actor, { customerEmail: "r@example.com", amount: 80 });
    const reversal = await reverseEntry(db, actor, { entryId: award.transaction.id, reason: "Mistake" });
    expect(reversal.transaction).toMatchObject({ type: "REVERSAL", points: -80, balanceAfter: 0, reversesEntryId: award.transaction.id });
    expect(await code(reverseEntry(db, actor, { entryId: award.transaction.id, reason: "Again" }))).toBe("ALREADY_REVERSED");
    expect(await code(reverseEntry(db, actor, { entryId: reversal.transaction.id, reason: "Undo undo" }))).toBe("NOT_REVERSIBLE");
    const state = await ledgerState(business.id, award.transaction.customerId);
    expect(state).toMatchObject({ balance: 0, entrySum: 0, lotSum: 0, lifetimeEarned: 0 });
  });

  it("refuses to reverse an award whose points were already spent", async () => {
    const { actor } = await makeBusiness();
    const award = await awardPoints(db, actor, { customerEmail: "s@example.com", amount: 50 });
    await redeemPoints(db, actor, { customerEmail: "s@example.com", amount: 30 });
    expect(await code(reverseEntry(db, actor, { entryId: award.transaction.id, reason: "Chargeback" }))).toBe("INSUFFICIENT_POINTS");
  });

  it("reports balance, lifetime totals, points expiring in 30 days and tier", async () => {
    const { actor } = await makeBusiness();
    const soon = new Date(Date.now() + 10 * 86_400_000);
    await awardPoints(db, actor, { customerEmail: "t@example.com", amount: 700, expiresAt: soon });
    await awardPoints(db, actor, { customerEmail: "t@example.com", amount: 600, expiresAt: new Date(Date.now() + 90 * 86_400_000) });
    await redeemPoints(db, actor, { customerEmail: "t@example.com", amount: 200 });
    const balance = await getBalance(db, actor, { customerEmail: "t@example.com" });
    expect(balance).toMatchObject({ balance: 1100, lifetimeEarned: 1300, lifetimeRedeemed: 200, tier: "Silver", status: "ACTIVE" });
    expect(balance.expiringSoon).toMatchObject({ points: 500, withinDays: 30 });
    expect(balance.expiringSoon.nextExpiryAt?.getTime()).toBe(soon.getTime());
  });

  it("applies the business's default expiry when an award gives none", async () => {
    const { actor } = await makeBusiness({ pointExpiryDays: 30 });
    const award = await awardPoints(db, actor, { customerEmail: "d@example.com", amount: 10 });
    const days = ((award.transaction.expiresAt?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
  });

  it("lists history newest first with filters and pages of at most 100", async () => {
    const { actor } = await makeBusiness();
    for (let i = 1; i <= 5; i++) await awardPoints(db, actor, { customerEmail: "h@example.com", amount: i, reference: `o-${i}` });
    await redeemPoints(db, actor, { customerEmail: "h@example.com", amount: 3 });
    const all = await listHistory(db, actor, { customerEmail: "h@example.com", perPage: 4 });
    expect(all.pagination).toEqual({ page: 1, perPage: 4, total: 6, totalPages: 2 });
    expect(all.items[0]).toMatchObject({ type: "REDEEM", balanceAfter: 12 });
    expect((await listHistory(db, actor, { customerEmail: "h@example.com", type: "AWARD" })).items).toHaveLength(5);
    expect((await listHistory(db, actor, { customerEmail: "h@example.com", reference: "o-2" })).items.map((e) => e.points)).toEqual([2]);
    await expect(listHistory(db, actor, { customerEmail: "h@example.com", perPage: 101 })).rejects.toThrow(/at most 100/);
  });

  it("expires manually by amount, soonest-expiring first", async () => {
    const { business, actor } = await makeBusiness();
    const a = await awardPoints(db, actor, { customerEmail: "x@example.com", amount: 40, expiresAt: new Date(Date.now() + 5 * 86_400_000) });
    await awardPoints(db, actor, { customerEmail: "x@example.com", amount: 60 });
    const result = await expirePoints(db, actor, { customerEmail: "x@example.com", before: new Date(Date.now() + 10 * 86_400_000), amount: 25 });
    expect(result).toMatchObject({ expired: 25, balance: 75 });
    const lots = await db.pointLot.findMany({ where: { businessId: business.id }, orderBy: { points: "asc" } });
    expect(lots.map((l) => l.remaining)).toEqual([15, 60]);
    const none = await expirePoints(db, actor, { customerEmail: "x@example.com" });
    expect(none).toEqual({ expired: 0, transaction: null, balance: 75, replay: false });
    expect(a.transaction.customerId).toBe(lots[0]?.customerId);
  });

  it("rejects metadata over 1 KB and non-integer or oversized amounts", async () => {
    const { actor } = await makeBusiness();
    const big = { note: "x".repeat(1100) };
    await expect(awardPoints(db, actor, { customerEmail: "m@example.com", amount: 5, metadata: big })).rejects.toThrow(/1 KB/);
    await expect(awardPoints(db, actor, { customerEmail: "m@example.com", amount: 1.5 })).rejects.toThrow(/whole number/);
    await expect(awardPoints(db, actor, { customerEmail: "m@example.com", amount: 1e12 })).rejects.toThrow(/at most/);
    expect(await db.customer.count({ where: { businessId: actor.businessId } })).toBe(0);
    // Just under 1 KB of compact JSON is fine, although Postgres's text form of it is longer.
    const many = Object.fromEntries(Array.from({ length: 112 }, (_, i) => [`k${i}`, i]));
    expect(Buffer.byteLength(JSON.stringify(many))).toBeGreaterThan(1000);
    expect(Buffer.byteLength(JSON.stringify(many))).toBeLessThanOrEqual(1024);
    expect((await awardPoints(db, actor, { customerEmail: "m@example.com", amount: 5, metadata: many })).balance).toBe(5);
  });

  it("refuses text Postgres can't store with a validation error, not a database error", async () => {
    const { actor } = await makeBusiness();
    await expect(awardPoints(db, actor, { customerEmail: "n@example.com", amount: 5, description: "a\u0000b" })).rejects.toThrow(/NUL/);
    await expect(awardPoints(db, actor, { customerEmail: "n@example.com", amount: 5, metadata: { k: "\ud800" } })).rejects.toThrow(/NUL|Unicode/);
    await expect(awardPoints(db, actor, { customerEmail: "n@example.com", amount: 5, expiresAt: new Date(1e15) })).rejects.toThrow(/year 10000/);
    expect(await db.customer.count({ where: { businessId: actor.businessId } })).toBe(0);
  });

  it("leaves no new customer behind when the award is refused", async () => {
    const { actor } = await makeBusiness();
    await awardPoints(db, actor, { customerEmail: "first@example.com", amount: 5, idempotencyKey: "k1" });
    await expect(awardPoints(db, actor, { customerEmail: "second@example.com", amount: 5, idempotencyKey: "k1" })).rejects.toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
    expect(await db.customer.count({ where: { businessId: actor.businessId } })).toBe(1);
  });

  it("keeps the ledger append-only at the database level", async () => {
    const { actor } = await makeBusiness();
    const { transaction } = await awardPoints(db, actor, { customerEmail: "ao@example.com", amount: 5 });
    // The app role may not UPDATE, DELETE or TRUNCATE there at all; an owner meets the trigger.
    await expect(db.$executeRaw`UPDATE ledger_entries SET points = 500 WHERE id = ${transaction.id}::uuid`).rejects.toThrow(/permission denied|append-only/);
    await expect(db.$executeRaw`DELETE FROM ledger_entries WHERE id = ${transaction.id}::uuid`).rejects.toThrow(/permission denied|append-only/);
    await expect(db.$executeRaw`TRUNCATE ledger_entries CASCADE`).rejects.toThrow(/permission denied|append-only/);
    await expect(db.$executeRaw`UPDATE customers SET balance = -1 WHERE id = ${transaction.customerId}::uuid`).rejects.toThrow(/customers_balance_non_negative/);
  });
});

describe("composing ledger calls in one transaction", () => {
  it("runs on the caller's transaction: a rollback takes the ledger writes with it", async () => {
    const { business, actor } = await makeBusiness();
    await expect(
      db.$transaction(async (tx) => {
        await awardPoints(tx, actor, { customerEmail: "tx@example.com", amount: 40 });
        await redeemPoints(tx, actor, { customerEmail: "tx@example.com", amount: 15 });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
    const committed = await db.$transaction(async (tx) => {
      await awardPoints(tx, actor, { customerEmail: "tx@example.com", amount: 40 });
      return redeemPoints(tx, actor, { customerEmail: "tx@example.com", amount: 15 });
    });
    expect(committed.balance).toBe(25);
  });
});

describe("tenant isolation", () => {
  it("makes nothing in business A reachable with business B's actor", async () => {
    const a = await makeBusiness();
    const b = await makeBusiness();
    const award = await awardPoints(db, a.actor, { customerEmail: "shared@example.com", amount: 100 });
    const id = award.transaction.customerId;
    expect(await code(redeemPoints(db, b.actor, { customerId: id, amount: 1 }))).toBe("CUSTOMER_NOT_FOUND");
    expect(await code(getBalance(db, b.actor, { customerId: id }))).toBe("CUSTOMER_NOT_FOUND");
    expect(await code(listHistory(db, b.actor, { customerId: id }))).toBe("CUSTOMER_NOT_FOUND");
    expect(await code(reverseEntry(db, b.actor, { entryId: award.transaction.id, reason: "x" }))).toBe("ENTRY_NOT_FOUND");
    expect(await code(adjustPoints(db, b.actor, { customerId: id, points: -1, reason: "x" }))).toBe("CUSTOMER_NOT_FOUND");
    // The same email in B is a different customer with its own balance.
    const other = await awardPoints(db, b.actor, { customerEmail: "shared@example.com", amount: 7 });
    expect(other.transaction.customerId).not.toBe(id);
    expect((await getBalance(db, a.actor, { customerId: id })).balance).toBe(100);
  });
});
