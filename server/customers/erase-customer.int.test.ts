import { describe, expect, it } from "vitest";
import { databaseTimeIn, ledgerState, makeBusiness, untilDatabaseClockPasses } from "../../test/fixtures";
import { db } from "../db/client";
import { AppError } from "../errors";
import { awardPoints } from "../ledger";
import { releasePendingPoints } from "../ledger/release-pending-points";
import { createCustomer } from "./create-customer";
import { eraseCustomer } from "./erase-customer";
import { createReward } from "../rewards/manage-rewards";
import { redeemReward } from "../rewards/redeem-reward";

async function customerWith(points: number) {
  const { business, actor } = await makeBusiness();
  const { customer } = await createCustomer(db, actor, { email: "e@example.com", name: "E", phone: "5550100321", initialPoints: points });
  return { business, actor, customer };
}

describe("eraseCustomer", () => {
  it("expires points already past their expiry, then forfeits the rest", async () => {
    const { business, actor, customer } = await customerWith(50);
    const soon = await awardPoints(db, actor, { customerId: customer.id, amount: 100, expiresAt: new Date(Date.now() + 86_400_000) });
    // As if the nightly expiry job hadn't run yet for a lot that is now past due.
    await db.pointLot.updateMany({ where: { entryId: soon.transaction.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await eraseCustomer(db, actor, { id: customer.id })).toEqual({ erased: true, forfeitedPoints: 50 });
    const entries = await db.ledgerEntry.findMany({ where: { customerId: customer.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.type, e.points])).toEqual([["AWARD", 50], ["AWARD", 100], ["EXPIRE", -100], ["ADJUST", -50]]);
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 0, entrySum: 0, lotSum: 0, lotsOutOfStepWithAllocations: 0 });
  });

  it("forfeits pending points too, so the release job never pays them to the erased customer", async () => {
    const { business, actor, customer } = await customerWith(50);
    const at = await databaseTimeIn(2);
    const pending = await awardPoints(db, actor, { customerId: customer.id, amount: 40, availableAt: at });
    expect(await eraseCustomer(db, actor, { id: customer.id })).toEqual({ erased: true, forfeitedPoints: 90 });
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 0, pending: 0, entrySum: 0, lotSum: 0, pendingLotSum: 0 });
    expect(await db.ledgerEntry.count({ where: { reversesEntryId: pending.transaction.id } })).toBe(1);
    await untilDatabaseClockPasses(at);
    expect(await releasePendingPoints(db, { businessId: business.id })).toEqual({ customers: 0 });
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 0, pending: 0 });
    expect(await db.outboxEvent.count({ where: { businessId: business.id, type: "points.available" } })).toBe(0);
  });

  it("cancels their active redemptions: the coupon stops working and the stock comes back", async () => {
    const { business, actor, customer } = await customerWith(200);
    const reward = await createReward(db, actor, { title: "Mug", pointsCost: 50, stock: 3, couponMode: "GENERATED" });
    const redemption = await redeemReward(db, actor, { rewardId: reward.id, customerId: customer.id });
    expect(await eraseCustomer(db, actor, { id: customer.id })).toEqual({ erased: true, forfeitedPoints: 200 });
    expect(await db.redemption.findFirstOrThrow({ where: { id: redemption.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code: redemption.couponCode! } })).toMatchObject({ status: "VOID" });
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 3 });
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 0, entrySum: 0, lotSum: 0 });
  });

  it("serialises with a concurrent award: the points are either forfeited too or refused", async () => {
    const { business, actor, customer } = await customerWith(10);
    const [erased, award] = await Promise.allSettled([
      eraseCustomer(db, actor, { id: customer.id }),
      awardPoints(db, actor, { customerId: customer.id, amount: 7 }),
    ]);
    expect(erased.status).toBe("fulfilled");
    const forfeited = erased.status === "fulfilled" ? erased.value.forfeitedPoints : -1;
    if (award.status === "fulfilled") expect(forfeited).toBe(17);
    else expect([forfeited, (award.reason as AppError).code]).toEqual([10, "CUSTOMER_NOT_FOUND"]);
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 0, entrySum: 0 });
  });

  it("inside a caller's transaction that rolls back, leaves the customer and their points as they were", async () => {
    const { business, actor, customer } = await customerWith(30);
    const failed = db.$transaction(async (tx) => {
      await eraseCustomer(tx, actor, { id: customer.id });
      throw new Error("caller changed its mind");
    });
    await expect(failed).rejects.toThrow("caller changed its mind");
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ email: "e@example.com", erasedAt: null, balance: 30 });
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 30, entryCount: 1 });
  });

  it("refuses another business's customer with CUSTOMER_NOT_FOUND and changes nothing", async () => {
    const { customer } = await customerWith(5);
    const intruder = await makeBusiness();
    await expect(eraseCustomer(db, intruder.actor, { id: customer.id })).rejects.toMatchObject({ code: "CUSTOMER_NOT_FOUND" });
    expect(await db.customer.findFirstOrThrow({ where: { id: customer.id } })).toMatchObject({ erasedAt: null, balance: 5 });
  });
});
