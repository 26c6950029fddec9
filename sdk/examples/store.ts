// An online store: keeps its customer in sync, records an order (which earns points), refunds
// part of it (which takes points back), lets the customer spend points on a reward, and turns
// the points.redeemed webhook into a discount code at checkout. Run against `npm start`:
//   LOYALTY_API_KEY=ll_live_... npx tsx sdk/examples/store.ts
import { LoyaltyLedger, type WebhookEvent } from "../src/index.js";
import { runIfMain, type ExampleEnv } from "./run-example.js";

// The shop platform's discount codes (here in memory; in a real store, its API).
export type StoreDiscount = { code: string; customerId: string; points: number; eventId: string };
export const discounts = new Map<string, StoreDiscount>();

// points.redeemed for a reward with a coupon carries the code in entry.metadata.couponCode:
// create the discount once, however often the event arrives (deliveries are at least once).
export function couponFromRedemption(event: WebhookEvent<"points.redeemed">): StoreDiscount | null {
  const metadata = event.data.entry.metadata as { couponCode?: unknown } | null;
  if (typeof metadata?.couponCode !== "string") return null;
  const existing = discounts.get(metadata.couponCode);
  if (existing) return existing;
  const discount = { code: metadata.couponCode, customerId: event.data.customer.id, points: -event.data.entry.points, eventId: event.id };
  discounts.set(discount.code, discount);
  return discount;
}

export type StoreOptions = ExampleEnv & { shopCustomerId?: string; email?: string; orderId?: string; log?: (line: string) => void };

export async function main(options: StoreOptions) {
  const log = options.log ?? console.log;
  const ll = new LoyaltyLedger({ apiKey: options.apiKey, baseUrl: options.baseUrl });
  const shopCustomerId = options.shopCustomerId ?? "shop-customer-1001";
  const email = options.email ?? "ada@example.com";
  const orderId = options.orderId ?? `SO-${Date.now()}`;

  // Customer sync: PUT by the shop's own id creates or updates, so it is safe to repeat.
  const { customer } = await ll.put("/customers/{id}", { params: { path: { id: shopCustomerId } }, body: { email, name: "Ada Lovelace" } });
  log(`Customer ${customer.id} in sync (${customer.email})`);

  // The order, in the programme's currency; a PAID order earns its points.
  const { currency } = await ll.get("/program");
  const order = await ll.post("/orders", {
    body: {
      externalId: orderId,
      customerExternalId: shopCustomerId,
      currency,
      subtotal: 5000,
      status: "PAID",
      items: [
        { productExternalId: "beans-1kg", quantity: 2, unitPrice: 1500 },
        { productExternalId: "grinder", quantity: 1, unitPrice: 2000 },
      ],
    },
  });
  log(`Order ${order.externalId}: ${order.pointsAwarded} points`);

  // One bag of beans comes back. The refund's key is the shop's own: asked twice, one refund.
  const { refund } = await ll.post("/orders/{externalId}/refunds", {
    params: { path: { externalId: orderId } },
    body: { items: [{ productExternalId: "beans-1kg", quantity: 1 }], idempotencyKey: `${orderId}-return-1` },
  });
  log(`Refunded: ${refund.pointsTaken} points taken back`);

  // At checkout the customer spends points on the dearest reward they can have; the shop makes
  // the discount when the points.redeemed webhook arrives (see webhook-receiver.ts).
  let best: { id: string; title: string; pointsCost: number } | undefined;
  for await (const reward of ll.paginate("/rewards", { params: { query: { customerId: customer.id } } })) {
    if (!best || reward.pointsCost > best.pointsCost) best = reward;
  }
  const redemption = best ? await ll.post("/rewards/{id}/redeem", { params: { path: { id: best.id } }, body: { customerId: customer.id } }) : null;
  log(redemption ? `Redeemed ${best?.title}: the discount follows by webhook` : "No reward within reach yet");
  return { customer, order, refund, redemption };
}

runIfMain(import.meta.url, main);
