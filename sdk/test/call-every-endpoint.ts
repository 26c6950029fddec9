// One call through the SDK to every operation of the API, in an order where each finds what it
// needs (a customer, a reward, an order...). It only uses the SDK, so it also shows the typed
// calls compile against the generated types. Answers that the test checks come back in `seen`.
import type { LoyaltyLedger } from "../src/index.js";

export type Hooks = {
  // Turns the outbox into deliveries for the webhook endpoint (the job worker's work).
  fanOut: () => Promise<void>;
};

export async function callEveryEndpoint(ll: LoyaltyLedger, hooks: Hooks) {
  await ll.get("/health");
  await ll.get("/health/ready");
  await ll.get("/ping");
  const document = await ll.get("/openapi.json");

  await ll.get("/program");
  const program = await ll.put("/program", { body: { name: "SDK Coffee", currency: "USD", earnMode: "SPEND", earnRate: 1, pointValuePer100: 100, pointExpiryDays: 365, rewardThreshold: 100, pendingDays: 0 } });

  const store = await ll.post("/stores", { body: { name: "Downtown", code: "DT-01", address: "1 Main St" } });
  await ll.get("/stores");
  await ll.get("/stores/{id}", { params: { path: { id: store.id } } });
  await ll.patch("/stores/{id}", { params: { path: { id: store.id } }, body: { address: "2 Main St" } });

  const { customer: ann } = await ll.post("/customers", { body: { email: "ann@example.com", name: "Ann Lee", phone: "+1 555 010 2000", externalId: "shop-881", initialPoints: 50 } });
  await ll.get("/customers", { params: { query: { search: "ann" } } });
  await ll.get("/customers/{id}", { params: { path: { id: ann.id } } });
  await ll.patch("/customers/{id}", { params: { path: { id: ann.id } }, body: { notes: "Prefers oat milk" } });
  const { customer: grace } = await ll.put("/customers/{id}", { params: { path: { id: "shop-882" } }, body: { email: "grace@example.com", name: "Grace Hopper" } });
  await ll.post("/customers/{id}/points", { params: { path: { id: ann.id } }, body: { points: 25, reason: "Goodwill for a late order" } });
  await ll.post("/customers/{id}/member-link", { params: { path: { id: ann.id } }, body: { expiresInMinutes: 60 } });

  const award = await ll.post("/points/award", { body: { customerEmail: "ann@example.com", amount: 120, description: "Order #1001" } });
  await ll.get("/points/balance", { params: { query: { customerEmail: "ann@example.com" } } });
  await ll.get("/points/history", { params: { query: { customerEmail: "ann@example.com" } } });
  await ll.post("/points/redeem", { body: { customerEmail: "ann@example.com", amount: 10, description: "Free cookie" } });
  await ll.post("/points/adjust", { body: { customerEmail: "ann@example.com", points: -5, reason: "Returned item" } });
  await ll.post("/points/reverse", { body: { transactionId: award.transaction.id, reason: "Order cancelled" } });
  await ll.post("/points/expire", { body: { customerEmail: "ann@example.com", amount: 1 } });
  await ll.post("/points/bulk", { body: { operations: [{ type: "award", customerEmail: "ann@example.com", amount: 200 }] } });

  await ll.post("/pos/checkin", { body: { phone: "+1 555 010 2000", amount: 1250, storeId: "DT-01", staff: "Sam" } });
  await ll.get("/pos/balance/{phoneOrId}", { params: { path: { phoneOrId: "+15550102000" } } });
  await ll.get("/pos/customer/{phoneOrId}", { params: { path: { phoneOrId: ann.id } } });
  await ll.post("/pos/redeem", { body: { phone: "+1 555 010 2000", points: 10, staff: "Sam" } });

  await ll.post("/badges", { body: { customerEmail: "ann@example.com", badgeSlug: "first-visit", badgeName: "First visit" } });
  await ll.get("/badges");

  const reward = await ll.post("/rewards", { body: { title: "Free coffee", pointsCost: 20, stock: 50, couponMode: "GENERATED", couponPrefix: "COFFEE-" } });
  const pool = await ll.post("/rewards", { body: { title: "Shop voucher", pointsCost: 20, couponMode: "POOL" } });
  await ll.post("/rewards/{id}/coupons", { params: { path: { id: pool.id } }, body: { codes: ["SHOP-AX12", "SHOP-BQ34"] } });
  await ll.get("/rewards");
  await ll.get("/rewards/{id}", { params: { path: { id: reward.id } } });
  await ll.patch("/rewards/{id}", { params: { path: { id: reward.id } }, body: { stock: 20 } });
  const used = await ll.post("/rewards/{id}/redeem", { params: { path: { id: reward.id } }, body: { customerEmail: "ann@example.com" } });
  const cancelled = await ll.post("/rewards/{id}/redeem", { params: { path: { id: reward.id } }, body: { customerEmail: "ann@example.com" } });
  await ll.get("/redemptions");
  await ll.get("/redemptions/{id}", { params: { path: { id: used.id } } });
  const code = used.couponCode ?? "";
  await ll.get("/coupons/{code}", { params: { path: { code } } });
  await ll.post("/coupons/{code}/use", { params: { path: { code } }, body: { staff: "Sam" } });
  await ll.post("/redemptions/{id}/cancel", { params: { path: { id: cancelled.id } }, body: { reason: "Order returned" } });

  const campaign = await ll.post("/campaigns", {
    body: { name: "Double points weekend", kind: "MULTIPLIER", multiplierPercent: 200, startsAt: "2030-12-05T00:00:00Z", endsAt: "2030-12-07T00:00:00Z" },
  });
  await ll.get("/campaigns");
  await ll.get("/campaigns/{id}", { params: { path: { id: campaign.id } } });
  await ll.patch("/campaigns/{id}", { params: { path: { id: campaign.id } }, body: { active: false } });

  await ll.post("/products/bulk", { body: { products: [{ externalId: "sku-1001", name: "Flat white", category: "Hot drinks", priceMinor: 450 }] } });
  await ll.get("/products");
  await ll.get("/products/{externalId}", { params: { path: { externalId: "sku-1001" } } });
  await ll.put("/products/{externalId}", { params: { path: { externalId: "beans-1kg" } }, body: { name: "Beans 1 kg", priceMinor: 1500 } });

  await ll.post("/orders", {
    body: { externalId: "SO-1001", customerEmail: "grace@example.com", currency: "USD", subtotal: 3000, status: "PENDING", items: [{ productExternalId: "beans-1kg", quantity: 2, unitPrice: 1500 }] },
  });
  await ll.get("/orders");
  await ll.put("/orders/{externalId}", { params: { path: { externalId: "SO-1001" } }, body: { status: "PAID" } });
  await ll.get("/orders/{externalId}", { params: { path: { externalId: "SO-1001" } } });
  const refund = await ll.post("/orders/{externalId}/refunds", { params: { path: { externalId: "SO-1001" } }, body: { amount: 1500, idempotencyKey: "refund-SO-1001-1" } });

  const referral = await ll.post("/referrals", { body: { referrer: ann.id, refereeEmail: "linus@example.com" } });
  await ll.get("/referrals");
  await ll.get("/referrals/{id}", { params: { path: { id: referral.id } } });
  await ll.delete("/referrals/{id}", { params: { path: { id: referral.id } } });

  const endpoint = await ll.post("/webhooks", { body: { url: "https://example.com/hooks/loyalty", events: ["*"], description: "Shop backend" } });
  const id = endpoint.endpoint.id;
  await ll.get("/webhooks");
  await ll.get("/webhooks/{id}", { params: { path: { id } } });
  await ll.patch("/webhooks/{id}", { params: { path: { id } }, body: { events: ["points.redeemed", "customer.created"] } });
  await ll.post("/webhooks/{id}/rotate-secret", { params: { path: { id } } });
  await ll.post("/webhooks/{id}/test", { params: { path: { id } } });
  await hooks.fanOut();
  const deliveries = await ll.get("/webhooks/{id}/deliveries", { params: { path: { id } } });
  const first = deliveries.items[0];
  if (!first) throw new Error("no delivery to resend");
  await ll.post("/webhooks/{id}/deliveries/{deliveryId}/resend", { params: { path: { id, deliveryId: first.id } } });
  await ll.post("/webhooks/{id}/replay", { params: { path: { id } }, body: { from: new Date(Date.now() - 86_400_000).toISOString(), onlyFailed: false } });
  await ll.delete("/webhooks/{id}", { params: { path: { id } } });

  const erased = await ll.delete("/customers/{id}", { params: { path: { id: grace.id }, query: { reason: "Asked to be forgotten" } } });

  return { document, program, ann, grace, award, used, cancelled, refund, erased };
}
