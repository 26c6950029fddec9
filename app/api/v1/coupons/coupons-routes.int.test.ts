// A store checks a code at the counter and marks it used, once, whatever the retries.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/actors/actor";
import { cliActor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { cancelRedemption } from "@/server/rewards/cancel-redemption";
import { createReward, updateReward } from "@/server/rewards/manage-rewards";
import { redeemReward } from "@/server/rewards/redeem-reward";
import { businessWithKey, call } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { GET as check } from "./[code]/route";
import { POST as use } from "./[code]/use/route";

async function issued(actor: Actor) {
  const reward = await createReward(db, actor, { title: "Coffee", pointsCost: 10, couponMode: "GENERATED", couponPrefix: "CUP-" });
  await awardPoints(db, actor, { customerEmail: "ann@example.com", amount: 100 });
  return { reward, redemption: await redeemReward(db, actor, { rewardId: reward.id, customerEmail: "ann@example.com" }) };
}
const foreignCode = async (owner: { id: string }) => (await issued(cliActor(owner.id))).redemption.couponCode!;

describe("GET /api/v1/coupons/{code} and POST /coupons/{code}/use", () => {
  it("says an issued code is valid, in any case; using it twice answers the same usedAt, and it is no longer valid", async () => {
    const { key, actor, business } = await businessWithKey();
    const { reward, redemption } = await issued(actor);
    const code = redemption.couponCode!;
    const before = await call("GET", check, { key, params: { code: code.toLowerCase() } });
    expect(before.data).toEqual({
      code, status: "ISSUED", valid: true, reward: { id: reward.id, title: "Coffee", active: true }, customerId: redemption.customerId, redemptionId: redemption.id,
      issuedAt: expect.any(String), usedAt: null,
    });
    const first = await call("POST", use, { key, params: { code: ` ${code.toLowerCase()} ` } });
    const second = await call("POST", use, { key, params: { code } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.data).toMatchObject({ status: "USED", valid: false, usedAt: expect.any(String) });
    expect(second.data.usedAt).toBe(first.data.usedAt);
    expect(await db.rewardCoupon.findFirstOrThrow({ where: { businessId: business.id, code } })).toMatchObject({ status: "USED", usedAt: new Date(first.data.usedAt as string) });
    // A coupon already bought stays good when its reward is retired.
    const other = await issued(actor);
    await updateReward(db, actor, { id: other.reward.id, active: false });
    expect((await call("GET", check, { key, params: { code: other.redemption.couponCode! } })).data).toMatchObject({ valid: true, reward: { active: false } });
  });

  it("refuses to use a code voided by a cancel or never issued (409, saying why), and 404s an unknown one", async () => {
    const { key, actor, business } = await businessWithKey();
    const { redemption } = await issued(actor);
    await cancelRedemption(db, actor, { id: redemption.id });
    const voided = await call("POST", use, { key, params: { code: redemption.couponCode! } });
    expect([voided.status, voided.json.code]).toEqual([409, "COUPON_UNUSABLE"]);
    expect(voided.json.error).toMatch(/was voided/);
    const pool = await createReward(db, actor, { title: "Voucher", pointsCost: 10, couponMode: "POOL" });
    await db.rewardCoupon.create({ data: { businessId: business.id, rewardId: pool.id, code: "POOL-Z", status: "AVAILABLE" } });
    const unissued = await call("POST", use, { key, params: { code: "pool-z" } });
    expect([unissued.status, unissued.json.code]).toEqual([409, "COUPON_UNUSABLE"]);
    expect((await call("GET", check, { key, params: { code: "POOL-Z" } })).data).toMatchObject({ status: "AVAILABLE", valid: false, customerId: null });
    expect(await db.rewardCoupon.count({ where: { businessId: business.id, status: "USED" } })).toBe(0);
    for (const code of ["NOPE-123", "x", "%%%"]) expect((await call("GET", check, { key, params: { code } })).status, code).toBe(404);
  });

  securityCases({ method: "GET", handler: check, scope: "points:read", request: () => ({ params: { code: "ABC-123" } }), foreign: async (o) => ({ params: { code: await foreignCode(o) } }) });
  securityCases({ method: "POST", handler: use, scope: "points:write", request: () => ({ params: { code: "ABC-123" } }), foreign: async (o) => ({ params: { code: await foreignCode(o) } }) });
});
