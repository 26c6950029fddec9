// The examples under sdk/examples, run as an integrator would run them, against the app over
// HTTP, each on a fresh business; what they did is checked in the database.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { businessWithKey } from "@/test/api";
import { startApiServer } from "@/test/api-http-server";
import { signedDeliveries } from "@/test/signed-deliveries";
import { LoyaltyLedger } from "../src/index.js";
import { main as store, discounts } from "../examples/store.js";
import { main as till } from "../examples/till.js";
import { main as receiver } from "../examples/webhook-receiver.js";

const quiet = () => undefined;

async function setup() {
  const { business, key } = await businessWithKey({ earnMode: "SPEND", earnRate: 1 });
  const server = await startApiServer();
  const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl });
  const reward = await ll.post("/rewards", { body: { title: "Free coffee", pointsCost: 20, couponMode: "GENERATED", couponPrefix: "COFFEE-" } });
  return { business, key, server, ll, reward };
}

describe("sdk/examples/till.ts", () => {
  it("checks a purchase in, reads the balance and redeems the reward at the till", async () => {
    const { business, key, server, reward } = await setup();
    const result = await till({ apiKey: key, baseUrl: server.baseUrl, phone: "+1 555 010 7777", amount: 4250, log: quiet });
    expect(result.redemption?.rewardTitle).toBe("Free coffee");

    const customer = await db.customer.findFirstOrThrow({ where: { businessId: business.id, phone: { contains: "5550107777" } } });
    const entries = await db.ledgerEntry.findMany({ where: { businessId: business.id, customerId: customer.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.type, e.points])).toEqual([["AWARD", 42], ["REDEEM", -20]]);
    expect(customer.balance).toBe(22);
    const redemption = await db.redemption.findFirstOrThrow({ where: { businessId: business.id, customerId: customer.id } });
    expect(redemption).toMatchObject({ rewardId: reward.id, status: "ACTIVE", couponCode: result.redemption?.couponCode });
  });
});

describe("sdk/examples/store.ts and webhook-receiver.ts", () => {
  it("syncs the customer, records and refunds an order, redeems a reward, and the receiver turns the signed points.redeemed into a discount", async () => {
    const { business, key, server, ll } = await setup();
    const hook = await ll.post("/webhooks", { body: { url: "https://example.com/hooks", events: ["points.redeemed"] } });
    const result = await store({ apiKey: key, baseUrl: server.baseUrl, shopCustomerId: "shop-42", email: "ada@example.com", orderId: "SO-42", log: quiet });

    const customer = await db.customer.findFirstOrThrow({ where: { businessId: business.id, externalId: "shop-42" } });
    expect(customer.email).toBe("ada@example.com");
    const order = await db.order.findFirstOrThrow({ where: { businessId: business.id, externalId: "SO-42" } });
    expect(order).toMatchObject({ customerId: customer.id, status: "PAID", pointsAwarded: 50 });
    expect(await db.orderRefund.findFirstOrThrow({ where: { businessId: business.id, orderId: order.id } })).toMatchObject({ idempotencyKey: "SO-42-return-1", pointsTaken: 15 });
    const redemption = await db.redemption.findFirstOrThrow({ where: { businessId: business.id, customerId: customer.id } });
    expect(result.redemption?.id).toBe(redemption.id);
    expect(redemption.couponCode).toMatch(/^COFFEE-/);
    // The example sent no key: the SDK's own made the redemption safe to retry.
    expect(redemption.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    const listening = await receiver({ secret: hook.secret, port: 0, log: quiet });
    try {
      const deliveries = await signedDeliveries(business.id, hook.endpoint.id, hook.secret);
      expect(deliveries.map((d) => d.type)).toEqual(["points.redeemed"]);
      const [delivery] = deliveries;
      const post = (body: string, headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${listening.port}/`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });

      // Tampered (the points changed after signing): refused, nothing made.
      const tampered = delivery!.body.replace(/"points"\s*:\s*-20/, '"points":-2000');
      expect(tampered).not.toBe(delivery!.body);
      expect((await post(tampered, delivery!.headers)).status).toBe(400);
      expect(discounts.has(redemption.couponCode!)).toBe(false);

      // The real one, delivered twice (at least once): one discount.
      expect((await post(delivery!.body, delivery!.headers)).status).toBe(204);
      expect((await post(delivery!.body, delivery!.headers)).status).toBe(204);
      expect(discounts.get(redemption.couponCode!)).toMatchObject({ customerId: customer.id, points: 20 });
      expect(listening.handled).toHaveLength(1);
    } finally {
      await listening.close();
    }
  });
});
