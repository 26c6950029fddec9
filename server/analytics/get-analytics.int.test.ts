// Analytics must agree with the ledger it summarises: every figure is checked against sums
// read straight from ledger_entries and customers.
import { beforeAll, describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { adjustPoints, awardPoints, expirePoints, redeemPoints, reverseEntry } from "../ledger";
import type { Actor } from "../actors/actor";
import { defaultRange } from "./analytics-range";
import { createStore } from "../stores/manage-stores";
import { getAnalytics } from "./get-analytics";
import { eraseCustomer } from "../customers/erase-customer";

let actor: Actor;
let businessId: string;
// The day the entries were written on: ranges end there, not on "today", so a run that crosses
// midnight reads the same days.
let entryDay: Date;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ actor, business: { id: businessId } } = await makeBusiness());
  await db.business.update({ where: { id: businessId }, data: { pointValuePer100: 250, currency: "EUR" } });
  const soon = new Date(Date.now() + DAY);
  await awardPoints(db, actor, { customerEmail: "a@test.dev", amount: 1000 });
  await awardPoints(db, actor, { customerEmail: "b@test.dev", amount: 400, expiresAt: soon });
  await awardPoints(db, actor, { customerEmail: "c@test.dev", amount: 75 });
  await redeemPoints(db, actor, { customerEmail: "a@test.dev", amount: 300 });
  await adjustPoints(db, actor, { customerEmail: "c@test.dev", points: 25, reason: "goodwill" });
  await adjustPoints(db, actor, { customerEmail: "a@test.dev", points: -10, reason: "correction" });
  await expirePoints(db, actor, { customerEmail: "b@test.dev", before: new Date(Date.now() + 2 * DAY), amount: 150 });
  const mistake = await awardPoints(db, actor, { customerEmail: "c@test.dev", amount: 500 });
  const reversal = await reverseEntry(db, actor, { entryId: mistake.transaction.id, reason: "typo" });
  entryDay = reversal.transaction.createdAt;
  // Another business's movements must not leak into these numbers.
  const other = await makeBusiness();
  await awardPoints(db, other.actor, { customerEmail: "a@test.dev", amount: 9999 });
});

async function ledgerSums() {
  const rows = await db.$queryRaw<{ type: string; positive: bigint | null; negative: bigint | null; total: bigint | null }[]>`
    SELECT type::text, sum(points) FILTER (WHERE points > 0) AS positive, sum(points) FILTER (WHERE points < 0) AS negative, sum(points) AS total
      FROM ledger_entries WHERE business_id = ${businessId}::uuid GROUP BY type`;
  const of = (type: string, key: "positive" | "negative" | "total") => Number(rows.find((r) => r.type === type)?.[key] ?? 0);
  const balances = await db.customer.aggregate({ where: { businessId }, _sum: { balance: true } });
  return { of, net: rows.reduce((s, r) => s + Number(r.total ?? 0), 0), balances: balances._sum.balance ?? 0 };
}

describe("getAnalytics", () => {
  it("matches the ledger for the range ending on the day of the entries", async () => {
    const result = await getAnalytics(db, actor, defaultRange(entryDay, 7));
    const { of, net, balances } = await ledgerSums();
    expect(result.liability.points).toBe(balances);
    expect(result.liability.points).toBe(net);
    expect(result.liability.points).toBe(1000 + 400 + 75 - 300 + 25 - 10 - 150);
    expect(result.liability.money).toBe(Math.round((result.liability.points * 250) / 100));
    // The reversed 500-point award is netted out of "earned" (its reversal is the only one).
    expect(of("REVERSAL", "total")).toBe(-500);
    expect(result.totals.earned).toBe(of("AWARD", "total") + of("ADJUST", "positive") + of("REVERSAL", "total"));
    expect(result.totals.earned).toBe(1500);
    expect(result.totals.redeemed).toBe(-of("REDEEM", "total"));
    expect(result.totals.expired).toBe(-of("EXPIRE", "total"));
    expect(result.totals.expired).toBe(150);
    expect(result.redemptionRate).toBeCloseTo(300 / 1500, 10);
    expect(result.breakageRate).toBeCloseTo(150 / 1500, 10);
    expect(result.customers).toEqual({ total: 3, active: 3 });
    expect(result.topCustomers.map((c) => c.balance)).toEqual([690, 250, 100]);
  });

  it("walks the liability trend back to zero before the first entry", async () => {
    const { daily } = await getAnalytics(db, actor, defaultRange(entryDay, 7));
    expect(daily).toHaveLength(7);
    expect(daily.at(-1)?.liability).toBe(1040);
    expect(daily.at(-2)?.liability).toBe(0);
    expect(daily.reduce((s, d) => s + d.net, 0)).toBe(1040);
  });

  it("excludes movements after a range that ends in the past", async () => {
    const yesterday = new Date(entryDay.getTime() - DAY);
    const result = await getAnalytics(db, actor, defaultRange(yesterday, 3));
    expect(result.totals).toEqual({ earned: 0, redeemed: 0, expired: 0 });
    expect(result.daily.every((d) => d.liability === 0)).toBe(true);
    expect(result.redemptionRate).toBeNull();
  });

  it("rejects an inverted range", async () => {
    await expect(getAnalytics(db, actor, { from: "2026-02-01", to: "2026-01-01" })).rejects.toThrow(/on or before/);
  });
});

describe("points past their date that no run has expired yet", () => {
  it("are no liability from the day they expired on, not only today", async () => {
    const { actor: own } = await makeBusiness();
    const now = Date.now();
    const day = (ago: number) => new Date(now - ago * DAY).toISOString().slice(0, 10);
    const { transaction } = await awardPoints(db, own, { customerEmail: "old@test.dev", amount: 1 });
    // History as an import would leave it: 200 points earned five days ago that expired three
    // days ago, and no expiry run since. The ledger only appends, so raw rows are the one way.
    const earnedAt = new Date(now - 5 * DAY);
    const expiredAt = new Date(now - 3 * DAY);
    const [entry] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO ledger_entries (business_id, customer_id, type, points, balance_after, actor_type, source, created_at, expires_at)
      VALUES (${own.businessId}::uuid, ${transaction.customerId}::uuid, 'AWARD', 200, 200, 'SYSTEM', 'BULK', ${earnedAt}, ${expiredAt}) RETURNING id`;
    await db.$executeRaw`
      INSERT INTO point_lots (business_id, customer_id, entry_id, points, remaining, expires_at, created_at)
      VALUES (${own.businessId}::uuid, ${transaction.customerId}::uuid, ${entry!.id}::uuid, 200, 200, ${expiredAt}, ${earnedAt})`;
    await db.customer.updateMany({ where: { businessId: own.businessId, id: transaction.customerId }, data: { balance: { increment: 200 } } });

    const result = await getAnalytics(db, own, defaultRange(new Date(now), 7));
    const on = (ago: number) => result.daily.find((d) => d.day === day(ago))?.liability;
    expect([6, 5, 4, 3, 2, 1, 0].map(on)).toEqual([0, 200, 200, 0, 0, 0, 1]);
    expect(result.liability.points).toBe(1);
  });
});

describe("getAnalytics by store", () => {
  it("compares stores over the range and filters the daily movements to one store; pending points count as liability", async () => {
    const { actor: owner } = await makeBusiness();
    const downtown = await createStore(db, owner, { name: "Downtown", code: "DT" });
    const airport = await createStore(db, owner, { name: "Airport", code: "AP" });
    await createStore(db, owner, { name: "Quiet", code: "QT" });
    const a = await awardPoints(db, owner, { customerEmail: "s1@test.dev", amount: 100, storeId: "DT" });
    await awardPoints(db, owner, { customerEmail: "s2@test.dev", amount: 40, storeId: "DT" });
    await redeemPoints(db, owner, { customerEmail: "s1@test.dev", amount: 30, storeId: "AP" });
    const undone = await awardPoints(db, owner, { customerEmail: "s2@test.dev", amount: 7, storeId: "AP" });
    await reverseEntry(db, owner, { entryId: undone.transaction.id, reason: "typo" });
    await awardPoints(db, owner, { customerEmail: "s3@test.dev", amount: 5 }); // no store
    await awardPoints(db, owner, { customerEmail: "s3@test.dev", amount: 20, availableAt: new Date(Date.now() + 7 * DAY) });
    const range = defaultRange(a.transaction.createdAt, 7);

    const all = await getAnalytics(db, owner, range);
    expect(all.stores).toEqual([
      // Busiest first. The reversal is recorded at the store of the award it undoes, and nets it out.
      { id: airport.id, name: "Airport", code: "AP", active: true, earned: 0, redeemed: 30, transactions: 3, customers: 2 },
      { id: downtown.id, name: "Downtown", code: "DT", active: true, earned: 140, redeemed: 0, transactions: 2, customers: 2 },
      expect.objectContaining({ code: "QT", transactions: 0, earned: 0 }),
    ]);
    // 100 + 40 - 30 + 7 - 7 + 5 spendable, and 20 pending: owed all the same.
    expect(all.liability.points).toBe(135);
    expect(all.totals.earned).toBe(165);

    const atDowntown = await getAnalytics(db, owner, { ...range, storeId: downtown.id });
    expect(atDowntown.totals).toEqual({ earned: 140, redeemed: 0, expired: 0 });
    expect(atDowntown.liability.points).toBe(135);
    expect(atDowntown.daily.at(-1)!.liability).toBe(all.daily.at(-1)!.liability);
    // Another business's store id filters to nothing rather than leaking its figures.
    const other = await makeBusiness();
    expect((await getAnalytics(db, other.actor, { ...range, storeId: downtown.id })).totals).toEqual({ earned: 0, redeemed: 0, expired: 0 });
    expect((await getAnalytics(db, other.actor, range)).stores).toEqual([]);
  });
});

describe("enrolled customers", () => {
  it("leaves erased customers out of the enrolled and active counts", async () => {
    const { actor: own } = await makeBusiness();
    await awardPoints(db, own, { customerEmail: "stays@test.dev", amount: 10 });
    const gone = await awardPoints(db, own, { customerEmail: "gone@test.dev", amount: 20 });
    expect((await getAnalytics(db, own, defaultRange())).customers).toEqual({ total: 2, active: 2 });
    await eraseCustomer(db, own, { id: gone.transaction.customerId });
    expect(await db.customer.count({ where: { businessId: own.businessId } })).toBe(2); // the row stays, retired
    expect((await getAnalytics(db, own, defaultRange())).customers).toEqual({ total: 1, active: 1 });
  });
});
