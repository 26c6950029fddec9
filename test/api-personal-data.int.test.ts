// Least privilege for API keys: a key with only points scopes (a till, a store plugin) sees a
// customer's id, balance and rewards, never their name, email, phone or notes, in any answer.
// Every operation such a key can call is called here, so a new one is covered automatically.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../server/actors/actor";
import { createCustomer } from "../server/customers/create-customer";
import { db } from "../server/db/client";
import { awardPoints } from "../server/ledger";
import { createOrder } from "../server/orders/create-order";
import { allOperations } from "../server/rest/operations";
import { createReward } from "../server/rewards/manage-rewards";
import { redeemReward } from "../server/rewards/redeem-reward";
import { updateWidgetSettings } from "../server/widget/manage-widget-settings";
import { businessWithKey, call, createKey, handlerFor } from "./api";

const PERSONAL = { name: "Ann Lee", email: "ann@example.com", phone: "+1 555 010 2000", notes: "Prefers oat milk" };
const LEAKS = [/Ann Lee/, /ann@example\.com/, /555\D?010\D?2000/, /oat milk/];

describe("personal data and API key scopes", () => {
  let businessId: string;
  let customerId: string;
  let entryId: string;
  let fullKey: string;
  let owner: Actor;
  beforeAll(async () => {
    const { business, actor, key } = await businessWithKey({ rewardThreshold: 50 });
    owner = actor;
    businessId = business.id;
    fullKey = key;
    customerId = (await createCustomer(db, actor, PERSONAL)).customer.id;
    entryId = (await awardPoints(db, actor, { customerId, amount: 5000 })).transaction.id;
    // A redemption to read and cancel, and another one's coupon to check and use.
    const reward = await createReward(db, actor, { title: "Coffee", pointsCost: 10, couponMode: "GENERATED" });
    const [cancelled, kept] = [await redeemReward(db, actor, { rewardId: reward.id, customerId }), await redeemReward(db, actor, { rewardId: reward.id, customerId })];
    // A paid order of theirs to read, move and refund.
    await createOrder(db, actor, { externalId: "SO-PD-1", customerId, currency: "USD", subtotal: 5000, status: "PAID", items: [{ productExternalId: "beans", quantity: 2, unitPrice: 2500 }] });
    // The member page (POST /customers/{id}/member-link) needs the widget on.
    await updateWidgetSettings(db, actor, { enabled: true });
    objectIds = { rewards: reward.id, redemptions: cancelled.id, coupons: kept.couponCode!, orders: "SO-PD-1" };
  });
  // The object a path names by its first segment (/rewards/{id}, /coupons/{code}); else the customer.
  let objectIds: Record<string, string> = {};
  const paramFor = (path: string, name: string) => (name === "phoneOrId" ? PERSONAL.phone : (objectIds[path.split("/")[1]!] ?? customerId));

  // Every points-scope operation about customers. Stores and products (readable by a till) hold no one's data.
  const pointsOperations = allOperations.filter((o) => (o.scope === "points:read" || o.scope === "points:write") && o.tag !== "Stores" && o.tag !== "Products");

  it("covers the till's lookups", () => {
    expect(pointsOperations.map((o) => o.path)).toEqual(expect.arrayContaining(["/pos/customer/{phoneOrId}", "/points/history", "/points/award", "/rewards/{id}/redeem", "/coupons/{code}"]));
  });

  for (const operation of pointsOperations) {
    it(`${operation.method} ${operation.path} answers a points-only key without name, email, phone or notes`, async () => {
      const { key } = await createKey(businessId, { scopes: ["points:read", "points:write"] });
      // Enough for every redeem, whatever the operations before this one did (expire, redeem).
      await awardPoints(db, owner, { customerId, amount: 5000 });
      const handler = await handlerFor(operation.path, operation.method);
      const params = Object.fromEntries([...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, paramFor(operation.path, m[1]!)]));
      const example = (operation.example ?? {}) as Record<string, unknown>;
      const body = operation.method === "GET" ? undefined : { ...example, ...("transactionId" in example && { transactionId: entryId }) };
      const query = operation.method === "GET" && !operation.path.includes("{") ? { customerId } : undefined;
      const res = await call(operation.method, handler, { key, params, body, query });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
      const text = JSON.stringify(res.json);
      for (const leak of LEAKS) expect(text).not.toMatch(leak);
    });
  }

  it("the till's lookup shows name and phone to a key with a customers scope, or with no scopes (full access)", async () => {
    const handler = await handlerFor("/pos/customer/{phoneOrId}", "GET");
    const { key: pointsOnly } = await createKey(businessId, { scopes: ["points:read"] });
    const { key: withCustomers } = await createKey(businessId, { scopes: ["points:read", "customers:read"] });
    const params = { phoneOrId: customerId };
    expect((await call("GET", handler, { key: pointsOnly, params })).data).toMatchObject({ id: customerId, name: null, phone: null, balance: expect.any(Number) });
    for (const key of [withCustomers, fullKey]) {
      expect((await call("GET", handler, { key, params })).data).toMatchObject({ id: customerId, name: PERSONAL.name, phone: "+15550102000" });
    }
  });

  it("returns the caller's own metadata as sent, and strips a replayed answer too", async () => {
    const { key } = await createKey(businessId, { scopes: ["points:read", "points:write"] });
    const award = await handlerFor("/points/award", "POST");
    const body = { customerId, amount: 10, idempotencyKey: `latte-${customerId}`, metadata: { items: [{ name: "Latte", email: "orders@shop.example" }] } };
    const first = await call("POST", award, { key, body });
    const replay = await call("POST", award, { key, body });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    for (const res of [first, replay]) {
      expect((res.data as { transaction: { metadata: unknown } }).transaction.metadata).toEqual(body.metadata);
      for (const leak of LEAKS) expect(JSON.stringify(res.json)).not.toMatch(leak);
    }
  });
});
