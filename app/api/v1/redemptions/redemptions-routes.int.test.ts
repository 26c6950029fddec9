// Cancelling a redemption refunds its points once, gives its stock back and returns or voids
// its coupon; the lists and lookups stay within the business.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/actors/actor";
import { cliActor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { createReward } from "@/server/rewards/manage-rewards";
import { redeemReward } from "@/server/rewards/redeem-reward";
import { useCoupon } from "@/server/rewards/manage-coupons";
import { businessWithKey, call } from "@/test/api";
import { ledgerState } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { POST as cancel } from "./[id]/cancel/route";
import { GET as getOne } from "./[id]/route";
import { GET as list } from "./route";

async function redeemed(actor: Actor, reward: Parameters<typeof createReward>[2], email = "ann@example.com") {
  const created = await createReward(db, actor, reward);
  if (reward.couponMode === "POOL") await db.rewardCoupon.create({ data: { businessId: actor.businessId, rewardId: created.id, code: "POOL-A", status: "AVAILABLE" } });
  await awardPoints(db, actor, { customerEmail: email, amount: 500 });
  const redemption = await redeemReward(db, actor, { rewardId: created.id, customerEmail: email });
  return { reward: created, redemption };
}

const foreignRedemption = async (owner: { id: string }) => (await redeemed(cliActor(owner.id), { title: "Theirs", pointsCost: 10 })).redemption.id;

describe("POST /api/v1/redemptions/{id}/cancel", () => {
  it("refunds the points once, gives the stock back and voids an unused generated code; cancelling again refunds nothing", async () => {
    const { key, actor, business } = await businessWithKey();
    const { reward, redemption } = await redeemed(actor, { title: "Mug", pointsCost: 100, stock: 2, couponMode: "GENERATED" });
    const first = await call("POST", cancel, { key, params: { id: redemption.id }, body: { reason: "Returned" } });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.data).toMatchObject({ id: redemption.id, status: "CANCELLED", cancelReason: "Returned", balanceAfter: 500, cancelEntryId: expect.any(String) });
    const again = await call("POST", cancel, { key, params: { id: redemption.id }, body: { reason: "Returned" } });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    const reversals = await db.ledgerEntry.findMany({ where: { businessId: business.id, type: "REVERSAL" } });
    expect(reversals.map((e) => [e.points, e.reversesEntryId, e.description])).toEqual([[100, redemption.entryId, "Returned"]]);
    expect(await ledgerState(business.id, redemption.customerId)).toMatchObject({ balance: 500, entrySum: 500 });
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 2 });
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code: redemption.couponCode! } })).toMatchObject({ status: "VOID" });
    expect(await db.outboxEvent.count({ where: { businessId: business.id, type: "reward.redemption_cancelled" } })).toBe(1);
  });

  it("concurrent cancels of one redemption: one refund, every caller the cancelled redemption", async () => {
    const { key, actor, business } = await businessWithKey();
    const { redemption } = await redeemed(actor, { title: "Mug", pointsCost: 100, stock: 1 });
    const results = await Promise.all(Array.from({ length: 8 }, () => call("POST", cancel, { key, params: { id: redemption.id } })));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.data.cancelEntryId)).size).toBe(1);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id, type: "REVERSAL" } })).toBe(1);
    expect(await db.reward.findFirstOrThrow({ where: { id: redemption.rewardId } })).toMatchObject({ stock: 1 });
  });

  it("puts an unused pool code back in the pool, to be issued again; a used code stays used while the points still come back", async () => {
    const { key, actor, business } = await businessWithKey();
    const { reward, redemption } = await redeemed(actor, { title: "Voucher", pointsCost: 50, couponMode: "POOL" });
    expect(redemption.couponCode).toBe("POOL-A");
    await call("POST", cancel, { key, params: { id: redemption.id } });
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code: "POOL-A" } })).toMatchObject({ status: "AVAILABLE", redemptionId: null, issuedAt: null });
    const second = await redeemReward(db, actor, { rewardId: reward.id, customerEmail: "ann@example.com" });
    expect(second.couponCode).toBe("POOL-A");
    await useCoupon(db, actor, { code: "pool-a" });
    const res = await call("POST", cancel, { key, params: { id: second.id } });
    expect(res.data).toMatchObject({ status: "CANCELLED", balanceAfter: 500 });
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code: "POOL-A" } })).toMatchObject({ status: "USED", redemptionId: second.id });
  });

  it("is a 404 for an unknown id and a 400 for an unknown field", async () => {
    const { key, actor } = await businessWithKey();
    const { redemption } = await redeemed(actor, { title: "Mug", pointsCost: 10 });
    expect((await call("POST", cancel, { key, params: { id: crypto.randomUUID() } })).status).toBe(404);
    expect((await call("POST", cancel, { key, params: { id: "nope" } })).status).toBe(404);
    expect((await call("POST", cancel, { key, params: { id: redemption.id }, body: { why: "x" } })).status).toBe(400);
    expect(await db.redemption.findFirstOrThrow({ where: { id: redemption.id } })).toMatchObject({ status: "ACTIVE" });
  });

  securityCases({ method: "POST", handler: cancel, scope: "points:write", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignRedemption(o) } }) });
});

describe("GET /api/v1/redemptions and /redemptions/{id}", () => {
  it("lists the business's redemptions newest first, by customer, reward and status", async () => {
    const { key, actor } = await businessWithKey();
    const { reward, redemption: a } = await redeemed(actor, { title: "Mug", pointsCost: 10 });
    const { redemption: b } = await redeemed(actor, { title: "Cup", pointsCost: 10 }, "bo@example.com");
    const c = await redeemReward(db, actor, { rewardId: reward.id, customerEmail: "bo@example.com" });
    await call("POST", cancel, { key, params: { id: a.id } });
    await foreignRedemption((await businessWithKey()).business);
    const ids = async (query: Record<string, string>) => ((await call("GET", list, { key, query })).data.items as { id: string }[]).map((r) => r.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ customerEmail: "bo@example.com" })).toEqual([c.id, b.id]);
    expect(await ids({ rewardId: reward.id })).toEqual([c.id, a.id]);
    expect(await ids({ status: "cancelled" })).toEqual([a.id]);
    expect((await call("GET", list, { key, query: { perPage: 1, page: 2 } })).data.pagination).toEqual({ page: 2, perPage: 1, total: 3, totalPages: 3 });
    expect((await call("GET", list, { key, query: { status: "gone" } })).status).toBe(400);
    expect((await call("GET", list, { key, query: { customerEmail: "nobody@example.com" } })).status).toBe(404);
    expect((await call("GET", getOne, { key, params: { id: b.id } })).data).toMatchObject({ id: b.id, rewardTitle: "Cup", status: "ACTIVE", couponCode: null });
  });

  securityCases({ method: "GET", handler: list, scope: "points:read", request: () => ({}) });
  securityCases({ method: "GET", handler: getOne, scope: "points:read", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignRedemption(o) } }) });
});
