// Which pages may call the widget API: an origin the owner allowed gets CORS headers (on
// refusals too, so the widget can read a 401); any other origin is refused outright with 403
// and no Access-Control-Allow-Origin, before its token is even looked at; a preflight is
// answered only for an allowed origin of a widget that is switched on.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { updateWidgetSettings } from "@/server/widget/manage-widget-settings";
import { createReward } from "@/server/rewards/manage-rewards";
import { customerToken, SHOP, widgetBusiness, widgetCall } from "@/test/widget-fixtures";
import { GET as me, OPTIONS as mePreflight } from "./[publicId]/me/route";
import { GET as program } from "./[publicId]/program/route";
import { POST as redeem } from "./[publicId]/rewards/[rewardId]/redeem/route";

describe("widget API: origins (CORS)", () => {
  it("answers an allowed origin with its CORS headers, on success and on a 401", async () => {
    const shop = await widgetBusiness({ origins: [SHOP, "http://localhost:5173"] });
    await awardPoints(db, shop.actor, { externalId: "c1", amount: 10 });
    const ok = await widgetCall("GET", me, { publicId: shop.publicId, token: await customerToken(shop.secret, "c1"), origin: "http://localhost:5173" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(ok.headers.get("vary")).toMatch(/Origin/);
    const expired = await widgetCall("GET", me, { publicId: shop.publicId, token: await customerToken(shop.secret, "c1", { expiresIn: -120 }) });
    expect([expired.status, expired.json.code, expired.headers.get("access-control-allow-origin")]).toEqual([401, "TOKEN_EXPIRED", SHOP]);
  });

  it("refuses a page on another origin with 403 ORIGIN_NOT_ALLOWED and no CORS headers, redeeming nothing", async () => {
    const shop = await widgetBusiness();
    const { transaction } = await awardPoints(db, shop.actor, { externalId: "c1", amount: 300 });
    const reward = await createReward(db, shop.actor, { title: "Mug", pointsCost: 100 });
    const token = await customerToken(shop.secret, "c1");
    for (const origin of ["https://evil.example", "http://shop.example", "https://shop.example:8443", "null"]) {
      const r = await widgetCall("POST", redeem, { publicId: shop.publicId, token, origin, params: { rewardId: reward.id }, headers: { "idempotency-key": origin } });
      expect([r.status, r.json.code], origin).toEqual([403, "ORIGIN_NOT_ALLOWED"]);
      expect(r.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect(await db.redemption.count({ where: { businessId: shop.business.id } })).toBe(0);
    expect((await db.customer.findFirstOrThrow({ where: { businessId: shop.business.id, id: transaction.customerId } })).balance).toBe(300);
  });

  it("serves a request with no Origin (a store's server) or from our own origin (the member page) without CORS headers", async () => {
    const shop = await widgetBusiness();
    for (const origin of [null, "http://localhost"]) {
      const r = await widgetCall("GET", program, { publicId: shop.publicId, origin });
      expect(r.status, String(origin)).toBe(200);
      expect(r.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("answers a preflight only for an allowed origin", async () => {
    const shop = await widgetBusiness();
    const allowed = await widgetCall("OPTIONS", mePreflight, { publicId: shop.publicId, headers: { "access-control-request-method": "GET", "access-control-request-headers": "authorization" } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(allowed.headers.get("access-control-allow-methods")).toMatch(/POST/);
    for (const origin of ["https://evil.example", null]) {
      const refused = await widgetCall("OPTIONS", mePreflight, { publicId: shop.publicId, origin });
      expect([refused.status, refused.json.code], String(origin)).toEqual([403, "ORIGIN_NOT_ALLOWED"]);
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
      expect(refused.headers.get("access-control-allow-methods")).toBeNull();
    }
  });

  it("stops answering once the owner removes the origin or switches the widget off", async () => {
    const shop = await widgetBusiness();
    await updateWidgetSettings(db, shop.owner, { allowedOrigins: ["https://other.example"] });
    expect((await widgetCall("OPTIONS", mePreflight, { publicId: shop.publicId })).status).toBe(403);
    expect((await widgetCall("GET", program, { publicId: shop.publicId })).json.code).toBe("ORIGIN_NOT_ALLOWED");
    await updateWidgetSettings(db, shop.owner, { enabled: false, allowedOrigins: [SHOP] });
    const off = await widgetCall("OPTIONS", mePreflight, { publicId: shop.publicId });
    expect([off.status, off.json.code, off.headers.get("access-control-allow-origin")]).toEqual([404, "NOT_FOUND", null]);
    expect((await widgetCall("GET", program, { publicId: shop.publicId })).status).toBe(404);
  });
});
