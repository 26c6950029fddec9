// Who may use the widget API: only a valid, unexpired token signed with this business's
// secret, naming the customer it was signed for, from a page on an allowed origin. Every
// refusal is checked on the database too: nothing is redeemed, nobody's points move.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { insertCustomer } from "@/server/customers/resolve-customer";
import { createReward } from "@/server/rewards/manage-rewards";
import { rotateWidgetSecret } from "@/server/widget/rotate-widget-secret";
import { generateWidgetSecret } from "@/server/widget/widget-secret";
import { customerToken, widgetBusiness, widgetCall } from "@/test/widget-fixtures";
import { GET as me } from "./[publicId]/me/route";
import { POST as redeem } from "./[publicId]/rewards/[rewardId]/redeem/route";

async function shopWithAlice() {
  const shop = await widgetBusiness();
  const alice = (await insertCustomer(db, shop.business.id, { externalId: "alice-1", email: "alice@example.com" }))!;
  const bob = (await insertCustomer(db, shop.business.id, { externalId: "bob-2" }))!;
  for (const customerId of [alice.id, bob.id]) await awardPoints(db, shop.actor, { customerId, amount: 300 });
  const reward = await createReward(db, shop.actor, { title: "Mug", pointsCost: 100 });
  return { ...shop, alice, bob, reward };
}

type Shop = Awaited<ReturnType<typeof shopWithAlice>>;

// A redeem attempt with `token`, then the proof that it changed nothing.
async function expectRefusedRedeem(shop: Shop, token: string | undefined, status: number, code: string, origin?: string) {
  const r = await widgetCall("POST", redeem, { publicId: shop.publicId, token, origin, params: { rewardId: shop.reward.id }, headers: { "idempotency-key": "k1" } });
  expect([r.status, r.json.code]).toEqual([status, code]);
  expect(await db.redemption.count({ where: { businessId: shop.business.id } })).toBe(0);
  const balances = await db.customer.findMany({ where: { businessId: shop.business.id }, select: { balance: true } });
  expect(balances.map((c) => c.balance)).toEqual([300, 300]);
  return r;
}

describe("widget API: customer tokens", () => {
  it("a valid token shows its own customer's balance, found by externalId or by email", async () => {
    const shop = await shopWithAlice();
    await awardPoints(db, shop.actor, { customerId: shop.alice.id, amount: 50 });
    for (const claim of ["alice-1", "Alice@Example.com"]) {
      const r = await widgetCall("GET", me, { publicId: shop.publicId, token: await customerToken(shop.secret, claim) });
      expect(r.status, claim).toBe(200);
      expect(r.data).toMatchObject({ member: true, balance: 350, tier: "Bronze", nextTier: { name: "Silver" }, pointsToNextTier: 650 });
    }
  });

  it("refuses an expired token with 401 TOKEN_EXPIRED", async () => {
    const shop = await shopWithAlice();
    await expectRefusedRedeem(shop, await customerToken(shop.secret, "alice-1", { expiresIn: -3600 }), 401, "TOKEN_EXPIRED");
  });

  it("refuses a forged token (signed with another secret) with 401 TOKEN_INVALID", async () => {
    const shop = await shopWithAlice();
    const r = await expectRefusedRedeem(shop, await customerToken(generateWidgetSecret(), "alice-1"), 401, "TOKEN_INVALID");
    expect(r.json.error).toMatch(/signature/);
  });

  it("refuses a token whose payload was changed to name another customer", async () => {
    const shop = await shopWithAlice();
    const [header, , signature] = (await customerToken(shop.secret, "alice-1")).split(".");
    const bobPayload = Buffer.from(JSON.stringify({ customer: "bob-2", exp: Math.floor(Date.now() / 1000) + 600 })).toString("base64url");
    await expectRefusedRedeem(shop, `${header}.${bobPayload}.${signature}`, 401, "TOKEN_INVALID");
  });

  it("refuses a token of another business, and one whose aud names another business", async () => {
    const shop = await shopWithAlice();
    const other = await widgetBusiness();
    await expectRefusedRedeem(shop, await customerToken(other.secret, "alice-1"), 401, "TOKEN_INVALID");
    const r = await expectRefusedRedeem(shop, await customerToken(shop.secret, "alice-1", { claims: { aud: other.publicId } }), 401, "TOKEN_INVALID");
    expect(r.json.error).toMatch(/another business/);
    const own = await widgetCall("GET", me, { publicId: shop.publicId, token: await customerToken(shop.secret, "alice-1", { claims: { aud: shop.publicId } }) });
    expect(own.status).toBe(200);
  });

  it("refuses a request without a token, and an unsigned (alg none) one", async () => {
    const shop = await shopWithAlice();
    await expectRefusedRedeem(shop, undefined, 401, "UNAUTHORIZED");
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ customer: "alice-1", exp: Math.floor(Date.now() / 1000) + 600 })).toString("base64url")}.`;
    await expectRefusedRedeem(shop, none, 401, "TOKEN_INVALID");
  });

  it("keeps accepting the previous secret for a day after a rotation, not after", async () => {
    const shop = await shopWithAlice();
    await rotateWidgetSecret(db, shop.owner);
    const oldToken = await customerToken(shop.secret, "alice-1");
    expect((await widgetCall("GET", me, { publicId: shop.publicId, token: oldToken })).status).toBe(200);
    await db.widgetSettings.update({ where: { businessId: shop.business.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    await expectRefusedRedeem(shop, oldToken, 401, "TOKEN_INVALID");
  });
});
