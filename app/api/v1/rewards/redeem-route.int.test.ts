// Redeeming a reward through the API: stock, coupon, ledger entry, redemption and event land
// together or not at all; a retry with the key answers the same redemption.
import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { updateCustomer } from "@/server/customers/update-customer";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { createReward } from "@/server/rewards/manage-rewards";
import { businessWithKey, call, foreignCustomer } from "@/test/api";
import { ledgerState } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { POST as redeem } from "./[id]/redeem/route";

async function setup(reward: Parameters<typeof createReward>[2], points = 500) {
  const { key, actor, business } = await businessWithKey();
  const created = await createReward(db, actor, reward);
  const { transaction } = await awardPoints(db, actor, { customerEmail: "ann@example.com", amount: points });
  return { key, actor, business, reward: created, customerId: transaction.customerId };
}

describe("POST /api/v1/rewards/{id}/redeem", () => {
  it("spends the points, takes one of the stock and issues a generated code, all recorded together (201)", async () => {
    const { key, business, reward, customerId } = await setup({ title: "Free coffee", pointsCost: 120, stock: 3, couponMode: "GENERATED", couponPrefix: "CUP-" });
    const res = await call("POST", redeem, { key, params: { id: reward.id }, body: { customerEmail: "ANN@example.com", staff: "Sam" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.data).toMatchObject({ rewardId: reward.id, rewardTitle: "Free coffee", customerId, points: 120, status: "ACTIVE", balanceAfter: 380, couponCode: expect.stringMatching(/^CUP-[0-9A-Z]{10}$/) });
    const code = res.data.couponCode as string;
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 2 });
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code } })).toMatchObject({ status: "ISSUED", generated: true, redemptionId: res.data.id });
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { businessId: business.id, id: res.data.entryId as string } });
    expect(entry).toMatchObject({ type: "REDEEM", points: -120, staffName: "Sam", description: "Reward: Free coffee", metadata: { rewardId: reward.id, redemptionId: res.data.id, couponCode: code } });
    // Both events carry the code: the store makes the discount from either.
    const events = await db.outboxEvent.findMany({ where: { businessId: business.id, type: { in: ["points.redeemed", "reward.redeemed"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["points.redeemed", "reward.redeemed"]);
    expect(events[0]!.payload).toMatchObject({ entry: { metadata: { couponCode: code } } });
    expect(events[1]!.payload).toMatchObject({ customer: { id: customerId, balance: 380 }, reward: { id: reward.id, title: "Free coffee", pointsCost: 120 }, redemption: { id: res.data.id, couponCode: code, points: 120, entryId: entry.id } });
  });

  it("replays a retry with the same idempotency key: one redemption, one stock taken, the same code; another request with it is 422", async () => {
    const { key, business, reward } = await setup({ title: "Mug", pointsCost: 100, stock: 5, couponMode: "GENERATED" });
    const body = { customerEmail: "ann@example.com", idempotencyKey: "order-77" };
    const first = await call("POST", redeem, { key, params: { id: reward.id }, body });
    const again = await call("POST", redeem, { key, params: { id: reward.id }, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await db.redemption.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 4 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id, type: "REDEEM" } })).toBe(1);
    await awardPoints(db, cliActor(business.id), { customerEmail: "bo@example.com", amount: 500 });
    const other = await call("POST", redeem, { key, params: { id: reward.id }, body: { ...body, customerEmail: "bo@example.com" } });
    expect(other.status).toBe(422);
    expect(other.json.code).toBe("IDEMPOTENCY_MISMATCH");
  });

  it("concurrent retries with one idempotency key: one redemption, one stock taken, every caller the same answer", async () => {
    const { key, business, reward } = await setup({ title: "Mug", pointsCost: 100, stock: 5, couponMode: "GENERATED" });
    const body = { customerEmail: "ann@example.com", idempotencyKey: "order-88" };
    const results = await Promise.all(Array.from({ length: 20 }, () => call("POST", redeem, { key, params: { id: reward.id }, body })));
    expect(results.map((r) => r.json.code ?? r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => JSON.stringify(r.json))).size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);
    expect(await db.redemption.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 4 });
  });

  it("short of points (422) or blocked (403): nothing changes, the stock and the pool code still there", async () => {
    const { key, business, reward, customerId } = await setup({ title: "Voucher", pointsCost: 600, stock: 1, couponMode: "POOL" });
    await db.rewardCoupon.create({ data: { businessId: business.id, rewardId: reward.id, code: "POOL-1", status: "AVAILABLE" } });
    const before = await ledgerState(business.id, customerId);
    const res = await call("POST", redeem, { key, params: { id: reward.id }, body: { customerId } });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe("INSUFFICIENT_POINTS");
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 1 });
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code: "POOL-1" } })).toMatchObject({ status: "AVAILABLE", redemptionId: null, issuedAt: null });
    expect(await db.redemption.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.outboxEvent.count({ where: { businessId: business.id, type: "reward.redeemed" } })).toBe(0);
    expect(await ledgerState(business.id, customerId)).toEqual(before);
    // A blocked customer: 403 from the ledger, and the same nothing-changed.
    await updateCustomer(db, cliActor(business.id), { id: customerId, status: "BLOCKED" });
    await db.reward.update({ where: { businessId_id: { businessId: business.id, id: reward.id } }, data: { pointsCost: 10 } });
    const blocked = await call("POST", redeem, { key, params: { id: reward.id }, body: { customerId } });
    expect([blocked.status, blocked.json.code]).toEqual([403, "CUSTOMER_BLOCKED"]);
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 1 });
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code: "POOL-1" } })).toMatchObject({ status: "AVAILABLE" });
  });

  it("refuses an inactive or out-of-window reward, an empty pool, and a customer at their limit, each with its code", async () => {
    const { key, actor, business, reward, customerId } = await setup({ title: "Cookie", pointsCost: 10, perCustomerLimit: 2 });
    const body = { customerId };
    for (let i = 0; i < 2; i++) expect((await call("POST", redeem, { key, params: { id: reward.id }, body })).status).toBe(201);
    const limited = await call("POST", redeem, { key, params: { id: reward.id }, body });
    expect([limited.status, limited.json.code]).toEqual([409, "LIMIT_REACHED"]);
    const inactive = await createReward(db, actor, { title: "Old", pointsCost: 10, active: false });
    const future = await createReward(db, actor, { title: "Soon", pointsCost: 10, validFrom: new Date(Date.now() + 86_400_000) });
    const past = await createReward(db, actor, { title: "Past", pointsCost: 10, validUntil: new Date(Date.now() - 1000) });
    for (const r of [inactive, future, past]) {
      const res = await call("POST", redeem, { key, params: { id: r.id }, body });
      expect([res.status, res.json.code], r.title).toEqual([409, "REWARD_UNAVAILABLE"]);
      expect(res.json.error).toMatch(new RegExp(`^"${r.title}" `));
    }
    const pool = await createReward(db, actor, { title: "Empty pool", pointsCost: 10, couponMode: "POOL" });
    const empty = await call("POST", redeem, { key, params: { id: pool.id }, body });
    expect([empty.status, empty.json.code]).toEqual([409, "OUT_OF_STOCK"]);
    expect(await db.redemption.count({ where: { businessId: business.id } })).toBe(2);
    expect((await ledgerState(business.id, customerId)).balance).toBe(480);
  });

  it("answers 404 for an unknown reward or customer, and 400 for a body naming no one", async () => {
    const { key, reward } = await setup({ title: "Cookie", pointsCost: 10 });
    expect((await call("POST", redeem, { key, params: { id: crypto.randomUUID() }, body: { customerEmail: "ann@example.com" } })).status).toBe(404);
    expect((await call("POST", redeem, { key, params: { id: "not-a-uuid" }, body: { customerEmail: "ann@example.com" } })).status).toBe(404);
    expect((await call("POST", redeem, { key, params: { id: reward.id }, body: { customerEmail: "nobody@example.com" } })).json.code).toBe("CUSTOMER_NOT_FOUND");
    expect((await call("POST", redeem, { key, params: { id: reward.id }, body: {} })).status).toBe(400);
  });

  securityCases({
    method: "POST",
    handler: redeem,
    scope: "points:write",
    request: () => ({ params: { id: crypto.randomUUID() }, body: { customerEmail: "ann@example.com" } }),
    // Another business's reward, redeemed for that business's own customer by its id.
    foreign: async (owner) => {
      const reward = await createReward(db, cliActor(owner.id), { title: "Theirs", pointsCost: 10 });
      return { params: { id: reward.id }, body: { customerId: (await foreignCustomer(owner)).customerId } };
    },
  });
});
