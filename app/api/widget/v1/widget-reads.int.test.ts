// What the widget reads: the public programme (no token), and for a signed-in customer their
// card, history, affordable rewards and referral link, cut to what a customer should see.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { awardPoints, redeemPoints } from "@/server/ledger";
import { createReward } from "@/server/rewards/manage-rewards";
import { updateWidgetSettings } from "@/server/widget/manage-widget-settings";
import { customerToken, widgetBusiness, widgetCall } from "@/test/widget-fixtures";
import { GET as history } from "./[publicId]/history/route";
import { GET as me } from "./[publicId]/me/route";
import { GET as program } from "./[publicId]/program/route";
import { GET as referral } from "./[publicId]/referral/route";
import { GET as rewards } from "./[publicId]/rewards/route";

describe("widget API: reading", () => {
  it("shows the programme without a token: earning, tiers, live rewards, look; 404 for an unknown or switched-off widget", async () => {
    const shop = await widgetBusiness();
    await db.business.update({ where: { id: shop.business.id }, data: { earnRate: 2, referrerPoints: 50, refereePoints: 25 } });
    await updateWidgetSettings(db, shop.owner, { primaryColor: "#FF0000", launcherText: "Points!" });
    await createReward(db, shop.actor, { title: "Mug", pointsCost: 100 });
    await createReward(db, shop.actor, { title: "Retired", pointsCost: 10, active: false });
    const r = await widgetCall("GET", program, { publicId: shop.publicId });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      appearance: { primaryColor: "#ff0000", launcherText: "Points!" },
      earn: { mode: "SPEND", rate: 2 },
      referral: { referrerPoints: 50, refereePoints: 25 },
    });
    expect((r.data.rewards as { title: string }[]).map((w) => w.title)).toEqual(["Mug"]);
    expect((r.data.tiers as { name: string }[]).map((t) => t.name)).toEqual(["Bronze", "Silver", "Gold"]);
    expect((await widgetCall("GET", program, { publicId: "pub_00000000000000000000000000000000" })).status).toBe(404);
    const off = await widgetBusiness({ enabled: false });
    expect((await widgetCall("GET", program, { publicId: off.publicId })).json.code).toBe("NOT_FOUND");
  });

  it("tells a token for someone not a customer yet that they are no member, creating nobody", async () => {
    const shop = await widgetBusiness();
    const r = await widgetCall("GET", me, { publicId: shop.publicId, token: await customerToken(shop.secret, "someone@example.com") });
    expect([r.status, r.data]).toEqual([200, { member: false }]);
    expect(await db.customer.count({ where: { businessId: shop.business.id } })).toBe(0);
  });

  it("shows the customer's history without staff names, keys or metadata, and only rewards they can afford", async () => {
    const shop = await widgetBusiness();
    const { transaction } = await awardPoints(db, shop.actor, { externalId: "c1", amount: 150, description: "Order 7", metadata: { internal: "x" } });
    await redeemPoints(db, { ...shop.actor, staffName: "Till 3" }, { customerId: transaction.customerId, amount: 20, idempotencyKey: "secret-key" });
    await awardPoints(db, shop.actor, { externalId: "other", amount: 999 });
    await createReward(db, shop.actor, { title: "Cheap", pointsCost: 100 });
    await createReward(db, shop.actor, { title: "Dear", pointsCost: 1000 });
    const token = await customerToken(shop.secret, "c1");
    const h = await widgetCall("GET", history, { publicId: shop.publicId, token, query: { perPage: 5 } });
    expect(h.status).toBe(200);
    const items = h.data.items as Record<string, unknown>[];
    expect(items.map((e) => [e.type, e.points, e.balanceAfter])).toEqual([["REDEEM", -20, 130], ["AWARD", 150, 150]]);
    expect(JSON.stringify(items)).not.toMatch(/Till 3|secret-key|internal|999/);
    const w = await widgetCall("GET", rewards, { publicId: shop.publicId, token });
    expect((w.data.items as { title: string }[]).map((x) => x.title)).toEqual(["Cheap"]);
    const bad = await widgetCall("GET", history, { publicId: shop.publicId, token, query: { perPage: 500, customerId: "x" } });
    expect([bad.status, bad.json.code]).toEqual([400, "VALIDATION_ERROR"]);
  });

  it("gives the customer their referral code and a share link on the shop", async () => {
    const shop = await widgetBusiness();
    const { transaction } = await awardPoints(db, shop.actor, { externalId: "c1", amount: 10 });
    const { referralCode } = await db.customer.findFirstOrThrow({ where: { businessId: shop.business.id, id: transaction.customerId } });
    const token = await customerToken(shop.secret, "c1");
    const r = await widgetCall("GET", referral, { publicId: shop.publicId, token });
    expect(r.data).toMatchObject({ code: referralCode, shareUrl: `https://shop.example/?ref=${referralCode}`, referrals: { pending: 0, completed: 0 } });
    await updateWidgetSettings(db, shop.owner, { shareUrl: "https://shop.example/join?src=widget" });
    const again = await widgetCall("GET", referral, { publicId: shop.publicId, token });
    expect(again.data.shareUrl).toBe(`https://shop.example/join?src=widget&ref=${referralCode}`);
  });
});
