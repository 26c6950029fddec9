// The stock race: 100 customers redeem a reward with 10 left at the same moment. Exactly 10
// get it, each with a code of their own; the 90 others get a clear 409 and keep every point.
// No timing in here: the outcome must hold however slowly the machine runs.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { createReward } from "@/server/rewards/manage-rewards";
import { businessWithKey, call } from "@/test/api";
import { POST as redeem } from "./[id]/redeem/route";

const CUSTOMERS = 100;

async function customers(actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) ids.push((await awardPoints(db, actor, { customerEmail: `c${i}@example.com`, amount: 300 })).transaction.customerId);
  return ids;
}

async function race(key: string, rewardId: string, ids: string[]) {
  const send = (customerId: string) => call("POST", redeem, { key, params: { id: rewardId }, body: { customerId, idempotencyKey: `race-${customerId}` } });
  const results = await Promise.all(ids.map(send));
  // On a busy machine some of the hundred wait past the pool's limit and are answered 503 (not
  // applied, retry). A client resends those with the same key, as here: the race is the burst.
  for (const [i, customerId] of ids.entries()) {
    while (results[i]!.status === 503) results[i] = await send(customerId);
  }
  const won = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  return { won, refused };
}

async function expectTenWinners(businessId: string, rewardId: string, ids: string[], outcome: Awaited<ReturnType<typeof race>>) {
  const { won, refused } = outcome;
  expect(won).toHaveLength(10);
  expect(refused.map((r) => [r.status, r.json.code])).toEqual(Array.from({ length: 90 }, () => [409, "OUT_OF_STOCK"]));
  expect(refused.every((r) => /out of stock/.test(String(r.json.error)))).toBe(true);
  const codes = won.map((r) => r.data.couponCode as string);
  expect(new Set(codes).size).toBe(10);
  const winners = new Set(won.map((r) => r.data.customerId as string));
  const balances = await db.customer.findMany({ where: { businessId, id: { in: ids } }, select: { id: true, balance: true } });
  for (const { id, balance } of balances) expect(balance, id).toBe(winners.has(id) ? 200 : 300);
  expect(await db.redemption.count({ where: { businessId, rewardId } })).toBe(10);
  expect(await db.ledgerEntry.count({ where: { businessId, type: "REDEEM" } })).toBe(10);
  expect(await db.rewardCoupon.count({ where: { businessId, rewardId, status: "ISSUED" } })).toBe(10);
  return codes;
}

describe("100 concurrent redemptions of a reward with 10 left", () => {
  it("with stock 10 and generated codes: 10 redemptions, 10 distinct codes, 90 × 409 OUT_OF_STOCK, stock 0", async () => {
    const { key, actor, business } = await businessWithKey();
    const ids = await customers(actor);
    const reward = await createReward(db, actor, { title: "Limited mug", pointsCost: 100, stock: 10, couponMode: "GENERATED" });
    await expectTenWinners(business.id, reward.id, ids, await race(key, reward.id, ids));
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 0 });
  });

  it("with a pool of 10 codes (no stock count): each code issued once, the pool empty", async () => {
    const { key, actor, business } = await businessWithKey();
    const ids = await customers(actor);
    const reward = await createReward(db, actor, { title: "Gift card", pointsCost: 100, couponMode: "POOL" });
    const pool = Array.from({ length: 10 }, (_, i) => `GIFT-${i}`);
    await db.rewardCoupon.createMany({ data: pool.map((code) => ({ businessId: business.id, rewardId: reward.id, code, status: "AVAILABLE" as const })) });
    const codes = await expectTenWinners(business.id, reward.id, ids, await race(key, reward.id, ids));
    expect(codes.sort()).toEqual(pool.sort());
    expect(await db.rewardCoupon.count({ where: { businessId: business.id, status: "AVAILABLE" } })).toBe(0);
  });
});
