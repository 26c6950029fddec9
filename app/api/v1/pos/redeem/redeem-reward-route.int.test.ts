// A till redeeming a catalogue reward: the rewards core's redemption, answered in the till's
// shape with the title and code to print.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { createReward } from "@/server/rewards/manage-rewards";
import { businessWithKey, call } from "@/test/api";
import { POST as redeem } from "./route";

describe("POST /api/v1/pos/redeem with a rewardId", () => {
  it("redeems the reward at its price and answers rewardTitle and couponCode; a retry replays it", async () => {
    const { key, actor, business } = await businessWithKey({ rewardThreshold: 100 });
    const reward = await createReward(db, actor, { title: "Free latte", pointsCost: 80, stock: 4, couponMode: "GENERATED", couponPrefix: "LAT-" });
    await awardPoints(db, actor, { customerPhone: "5550100900", amount: 200 });
    const body = { phone: "555 010 0900", rewardId: reward.id, staff: "Kim", idempotencyKey: "till-7-receipt-12" };
    const res = await call("POST", redeem, { key, body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.data).toMatchObject({
      pointsRedeemed: 80, totalPoints: 120, rewardAvailable: true, rewardTitle: "Free latte", couponCode: expect.stringMatching(/^LAT-/),
      transaction: { type: "REDEEM", points: -80, source: "POS", staffName: "Kim" },
    });
    const again = await call("POST", redeem, { key, body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(res.json);
    expect(await db.redemption.findMany({ where: { businessId: business.id } })).toMatchObject([{ id: res.data.redemptionId, couponCode: res.data.couponCode }]);
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ stock: 3 });
    // The price changed since: a retry that sent the price it showed still replays.
    const priced = { ...body, points: 80, idempotencyKey: "till-7-receipt-13" };
    const first = await call("POST", redeem, { key, body: priced });
    await db.reward.update({ where: { businessId_id: { businessId: business.id, id: reward.id } }, data: { pointsCost: 90 } });
    const retry = await call("POST", redeem, { key, body: priced });
    expect([retry.status, retry.headers.get("idempotent-replayed")]).toEqual([201, "true"]);
    expect(retry.json).toEqual(first.json);
  });

  it("refuses points that aren't the reward's price, and a body with neither points nor a reward, writing nothing", async () => {
    const { key, actor, business } = await businessWithKey();
    const reward = await createReward(db, actor, { title: "Cookie", pointsCost: 30 });
    await awardPoints(db, actor, { customerPhone: "5550100901", amount: 200 });
    const wrong = await call("POST", redeem, { key, body: { phone: "5550100901", rewardId: reward.id, points: 10 } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatch(/costs 30 points, not 10/);
    expect((await call("POST", redeem, { key, body: { phone: "5550100901" } })).status).toBe(400);
    expect((await call("POST", redeem, { key, body: { phone: "5550100901", rewardId: crypto.randomUUID() } })).status).toBe(404);
    expect(await db.redemption.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id, type: "REDEEM" } })).toBe(0);
    expect((await call("POST", redeem, { key, body: { phone: "5550100901", rewardId: reward.id, points: 30 } })).status).toBe(201);
  });
});
