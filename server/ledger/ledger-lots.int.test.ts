import { describe, expect, it } from "vitest";
import { databaseTimeIn, ledgerState, makeBusiness, untilDatabaseClockPasses } from "../../test/fixtures";
import { createDb, databaseUrl, db } from "../db/client";
import { awardPoints, expireDuePoints, redeemPoints, reverseEntry } from ".";

const year = new Date().getUTCFullYear() + 1;
const JAN = new Date(Date.UTC(year, 0, 15));
const FEB = new Date(Date.UTC(year, 1, 1));
const MAR = new Date(Date.UTC(year, 2, 15));

async function lotsOf(businessId: string) {
  const lots = await db.pointLot.findMany({ where: { businessId }, orderBy: { expiresAt: "asc" } });
  return lots.map((l) => l.remaining);
}

describe("FIFO lots", () => {
  it("redeem 120 from lots of 100 (Jan) and 150 (Mar): Jan 0, Mar 130; reversal restores both", async () => {
    const { business, actor } = await makeBusiness();
    await awardPoints(db, actor, { customerEmail: "f@example.com", amount: 150, expiresAt: MAR });
    await awardPoints(db, actor, { customerEmail: "f@example.com", amount: 100, expiresAt: JAN });
    const redeem = await redeemPoints(db, actor, { customerEmail: "f@example.com", amount: 120 });
    expect(await lotsOf(business.id)).toEqual([0, 130]);
    const reversal = await reverseEntry(db, actor, { entryId: redeem.transaction.id, reason: "Order cancelled" });
    expect(reversal.balance).toBe(250);
    expect(await lotsOf(business.id)).toEqual([100, 150]);
    const lots = await db.pointLot.findMany({ where: { businessId: business.id }, orderBy: { expiresAt: "asc" } });
    expect(lots.map((l) => l.expiresAt?.getTime())).toEqual([JAN.getTime(), MAR.getTime()]);
    const state = await ledgerState(business.id, redeem.transaction.customerId);
    expect(state).toMatchObject({ balance: 250, entrySum: 250, lotSum: 250, lifetimeRedeemed: 0, lotsOutOfStepWithAllocations: 0 });
  });

  it("the expiry job run twice expires each lot once", async () => {
    const { business, actor } = await makeBusiness();
    const { transaction } = await awardPoints(db, actor, { customerEmail: "e@example.com", amount: 100, expiresAt: JAN });
    await awardPoints(db, actor, { customerEmail: "e@example.com", amount: 150, expiresAt: MAR });
    const first = await expireDuePoints(db, { businessId: business.id, now: FEB });
    const second = await expireDuePoints(db, { businessId: business.id, now: FEB });
    expect(first).toEqual({ customers: 1, points: 100 });
    expect(second).toEqual({ customers: 0, points: 0 });
    expect(await lotsOf(business.id)).toEqual([0, 150]);
    const state = await ledgerState(business.id, transaction.customerId);
    expect(state).toMatchObject({ balance: 150, entrySum: 150, lotSum: 150, entryCount: 3 });
  });

  it("expiry running alongside redeems consumes nothing twice", async () => {
    const { business, actor } = await makeBusiness();
    const wide = createDb(databaseUrl(), 20);
    const { transaction } = await awardPoints(wide, actor, { customerEmail: "race@example.com", amount: 100, expiresAt: JAN });
    await awardPoints(wide, actor, { customerEmail: "race@example.com", amount: 150, expiresAt: MAR });
    const work = [
      ...Array.from({ length: 30 }, () => redeemPoints(wide, actor, { customerId: transaction.customerId, amount: 10 })),
      expireDuePoints(wide, { businessId: business.id, now: FEB }),
      expireDuePoints(wide, { businessId: business.id, now: FEB }),
    ];
    const settled = await Promise.allSettled(work);
    // The expiry runs must succeed; redeems may only fail for want of points.
    expect(settled.slice(-2).map((s) => s.status)).toEqual(["fulfilled", "fulfilled"]);
    for (const s of settled) if (s.status === "rejected") expect(s.reason).toMatchObject({ code: "INSUFFICIENT_POINTS" });
    const state = await ledgerState(business.id, transaction.customerId);
    const entries = await wide.ledgerEntry.groupBy({ by: ["type"], where: { businessId: business.id }, _sum: { points: true } });
    const sum = Object.fromEntries(entries.map((e) => [e.type, e._sum.points ?? 0]));
    expect((sum.AWARD ?? 0) + (sum.REDEEM ?? 0) + (sum.EXPIRE ?? 0)).toBe(state.balance);
    expect(state).toMatchObject({ entrySum: state.balance, lotSum: state.balance, lotsOutOfStepWithAllocations: 0 });
    expect(state.minLotRemaining).toBeGreaterThanOrEqual(0);
    // The Jan lot can only have been redeemed from or expired, and the two add up to it.
    const jan = await wide.$queryRaw<{ redeemed: bigint; expired: bigint }[]>`
      SELECT coalesce(sum(-a.points) FILTER (WHERE e.type = 'REDEEM'), 0) AS redeemed,
             coalesce(sum(-a.points) FILTER (WHERE e.type = 'EXPIRE'), 0) AS expired
        FROM lot_allocations a JOIN ledger_entries e ON e.id = a.entry_id
        JOIN point_lots l ON l.id = a.lot_id
       WHERE l.business_id = ${business.id}::uuid AND l.expires_at = ${JAN}`;
    expect(Number(jan[0]?.redeemed) + Number(jan[0]?.expired)).toBe(100);
    await wide.$disconnect();
  });

  it("reversing an award takes back its own lot first and never re-takes expired points", async () => {
    const { business, actor } = await makeBusiness();
    const jan = await awardPoints(db, actor, { customerEmail: "ra@example.com", amount: 100, expiresAt: JAN });
    await awardPoints(db, actor, { customerEmail: "ra@example.com", amount: 150, expiresAt: MAR });
    await redeemPoints(db, actor, { customerEmail: "ra@example.com", amount: 30 }); // from Jan: 70 left
    await expireDuePoints(db, { businessId: business.id, now: FEB }); // Jan's 70 expire
    const reversal = await reverseEntry(db, actor, { entryId: jan.transaction.id, reason: "Fraudulent order" });
    // 100 awarded - 70 expired = 30 still owed, taken from the Mar lot.
    expect(reversal.transaction.points).toBe(-30);
    expect(await lotsOf(business.id)).toEqual([0, 120]);
    const state = await ledgerState(business.id, jan.transaction.customerId);
    expect(state).toMatchObject({ balance: 120, entrySum: 120, lotSum: 120, lifetimeEarned: 150 });
  });

  it("reversing a redemption whose lot has since expired gives the points back and expires them at once", async () => {
    const { business, actor } = await makeBusiness();
    await awardPoints(db, actor, { customerEmail: "late@example.com", amount: 100 });
    const soon = await databaseTimeIn(3);
    await awardPoints(db, actor, { customerEmail: "late@example.com", amount: 100, expiresAt: soon });
    const redeem = await redeemPoints(db, actor, { customerEmail: "late@example.com", amount: 60 }); // from the short lot
    expect(redeem.expired).toBeNull();
    await untilDatabaseClockPasses(soon);
    const reversal = await reverseEntry(db, actor, { entryId: redeem.transaction.id, reason: "Order cancelled" });
    // 40 expired before the reversal's own debit check, the 60 given back expire right after.
    expect(reversal.balance).toBe(100);
    expect(reversal.expired?.points).toBe(-60);
    const state = await ledgerState(business.id, redeem.transaction.customerId);
    expect(state).toMatchObject({ balance: 100, entrySum: 100, lotSum: 100, lotsOutOfStepWithAllocations: 0 });
  });
});
