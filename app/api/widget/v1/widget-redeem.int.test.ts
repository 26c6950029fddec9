// Redeeming in the widget: the customer's own points, through the same redemption as every
// other door (stock, coupon, REDEEM entry), recorded as source WIDGET, once per idempotency key
// even when the same key arrives twice at the same moment, and per customer: one customer's key
// never replays another's redemption.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { createReward } from "@/server/rewards/manage-rewards";
import { createKey, call } from "@/test/api";
import { customerToken, widgetBusiness, widgetCall } from "@/test/widget-fixtures";
import { POST as apiRedeem } from "../../v1/rewards/[id]/redeem/route";
import { POST as redeem } from "./[publicId]/rewards/[rewardId]/redeem/route";
import { GET as redemptions } from "./[publicId]/redemptions/route";

async function shopWithReward() {
  const shop = await widgetBusiness();
  const award = await awardPoints(db, shop.actor, { externalId: "alice-1", amount: 300 });
  const reward = await createReward(db, shop.actor, { title: "Coffee", pointsCost: 100, couponMode: "GENERATED", couponPrefix: "CAFE-" });
  return { ...shop, customerId: award.transaction.customerId, reward, token: await customerToken(shop.secret, "alice-1") };
}

type Shop = Awaited<ReturnType<typeof shopWithReward>>;

const redeemWith = (shop: Shop, key: string, token = shop.token) =>
  widgetCall("POST", redeem, { publicId: shop.publicId, token, params: { rewardId: shop.reward.id }, headers: { "idempotency-key": key } });

describe("widget API: redeeming a reward", () => {
  it("redeems once: a coupon code, the points spent, a REDEEM entry from the WIDGET; the same key again is a replay", async () => {
    const shop = await shopWithReward();
    const first = await redeemWith(shop, "click-1");
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ balanceAfter: 200, redemption: { rewardTitle: "Coffee", points: 100, status: "ACTIVE" } });
    const code = (first.data.redemption as { couponCode: string }).couponCode;
    expect(code).toMatch(/^CAFE-/);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const again = await redeemWith(shop, "click-1");
    expect([again.status, again.headers.get("idempotent-replayed")]).toEqual([201, "true"]);
    expect(again.data.redemption).toEqual(first.data.redemption);

    const businessId = shop.business.id;
    expect(await db.redemption.count({ where: { businessId } })).toBe(1);
    const entries = await db.ledgerEntry.findMany({ where: { businessId, type: "REDEEM" } });
    expect(entries.map((e) => [e.points, e.source, e.actorType, e.customerId])).toEqual([[-100, "WIDGET", "SYSTEM", shop.customerId]]);
    expect((await db.customer.findFirstOrThrow({ where: { businessId, id: shop.customerId } })).balance).toBe(200);

    const list = await widgetCall("GET", redemptions, { publicId: shop.publicId, token: shop.token });
    expect((list.data.items as { couponCode: string }[]).map((r) => r.couponCode)).toEqual([code]);
  });

  it("two concurrent redeems with the same key give one redemption", async () => {
    const shop = await shopWithReward();
    const results = await Promise.all([redeemWith(shop, "double-click"), redeemWith(shop, "double-click")]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const ids = new Set(results.map((r) => (r.data.redemption as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(1);
    expect(await db.redemption.count({ where: { businessId: shop.business.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { businessId: shop.business.id, type: "REDEEM" } })).toBe(1);
    expect((await db.customer.findFirstOrThrow({ where: { businessId: shop.business.id, id: shop.customerId } })).balance).toBe(200);
  });

  it("keeps each customer's keys apart: the same key from another customer is their own redemption", async () => {
    const shop = await shopWithReward();
    await awardPoints(db, shop.actor, { externalId: "bob-2", amount: 300 });
    const alice = await redeemWith(shop, "k");
    const bob = await redeemWith(shop, "k", await customerToken(shop.secret, "bob-2"));
    expect([alice.status, bob.status, bob.headers.get("idempotent-replayed")]).toEqual([201, 201, null]);
    expect(await db.redemption.count({ where: { businessId: shop.business.id } })).toBe(2);
    const balances = await db.customer.findMany({ where: { businessId: shop.business.id }, select: { balance: true } });
    expect(balances.map((c) => c.balance)).toEqual([200, 200]);
  });

  it("keeps the widget's keys out of the public API's reach (widget: is a reserved prefix)", async () => {
    const shop = await shopWithReward();
    const { key } = await createKey(shop.business.id);
    const body = { customerId: shop.customerId, idempotencyKey: `widget:${shop.customerId}:k` };
    const r = await call("POST", apiRedeem, { key, params: { id: shop.reward.id }, body });
    expect([r.status, r.json.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(await db.redemption.count({ where: { businessId: shop.business.id } })).toBe(0);
  });

  it("needs an idempotency key, and refuses what the customer can't afford, writing nothing", async () => {
    const shop = await shopWithReward();
    const noKey = await widgetCall("POST", redeem, { publicId: shop.publicId, token: shop.token, params: { rewardId: shop.reward.id } });
    expect([noKey.status, noKey.json.code]).toEqual([400, "VALIDATION_ERROR"]);
    const dear = await createReward(db, shop.actor, { title: "Bike", pointsCost: 5000 });
    const r = await widgetCall("POST", redeem, { publicId: shop.publicId, token: shop.token, params: { rewardId: dear.id }, headers: { "idempotency-key": "bike" } });
    expect([r.status, r.json.code]).toEqual([422, "INSUFFICIENT_POINTS"]);
    expect(await db.redemption.count({ where: { businessId: shop.business.id } })).toBe(0);
  });

  it("answers 404 CUSTOMER_NOT_FOUND for a token naming nobody, and enrols no one", async () => {
    const shop = await shopWithReward();
    const r = await redeemWith(shop, "k", await customerToken(shop.secret, "new@example.com"));
    expect([r.status, r.json.code]).toEqual([404, "CUSTOMER_NOT_FOUND"]);
    expect(await db.customer.count({ where: { businessId: shop.business.id } })).toBe(1);
  });

  it("refuses a malformed, oversized or unexpected body with a 4xx and a code, redeeming nothing", async () => {
    const shop = await shopWithReward();
    const send = (rawBody: string) =>
      widgetCall("POST", redeem, { publicId: shop.publicId, token: shop.token, params: { rewardId: shop.reward.id }, headers: { "idempotency-key": "k-1", "content-type": "application/json" }, rawBody });
    const answers = await Promise.all([send("{not json"), send(JSON.stringify({ pad: "x".repeat(2_000_000) })), send(JSON.stringify({ points: 1 })), send("[1,2]")]);
    expect(answers.map((a) => [a.status, a.json.code])).toEqual([
      [400, "INVALID_JSON"],
      [413, "PAYLOAD_TOO_LARGE"],
      [400, "VALIDATION_ERROR"],
      [400, "VALIDATION_ERROR"],
    ]);
    expect(await db.redemption.count({ where: { businessId: shop.business.id } })).toBe(0);
    expect((await db.customer.findFirstOrThrow({ where: { businessId: shop.business.id, id: shop.customerId } })).balance).toBe(300);
  });
});
