import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { getAnalytics } from "@/server/analytics/get-analytics";
import { db } from "@/server/db/client";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { reverseEntry } from "@/server/ledger";
import { createOrder } from "@/server/orders/create-order";
import { refundOrder } from "@/server/orders/refund-order";
import { updateOrderStatus } from "@/server/orders/update-order-status";
import { upsertProduct } from "@/server/products/upsert-product";
import { ledgerState, makeBusiness } from "@/test/fixtures";
import { createCampaign } from "./manage-campaigns";

const DAY = 86_400_000;
const window = (from = -DAY, to = DAY) => ({ startsAt: new Date(Date.now() + from), endsAt: new Date(Date.now() + to) });

async function setup(settings: Record<string, unknown> = {}) {
  const { business } = await makeBusiness();
  await db.business.update({ where: { id: business.id }, data: settings });
  const actor = cliActor(business.id);
  await upsertProduct(db, actor, { externalId: "beans", name: "Beans", category: "Coffee" });
  await upsertProduct(db, actor, { externalId: "tea", name: "Tea", category: "Tea" });
  const store = await db.store.create({ data: { businessId: business.id, name: "Downtown", code: "DT" } });
  const other = await db.store.create({ data: { businessId: business.id, name: "Uptown", code: "UP" } });
  return { business, actor, store, other };
}

// 100 points of beans (Coffee) and 50 of tea at earnRate 1.
const order = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId, customerEmail: "ada@example.com", currency: "USD", subtotal: 15_000, status: "PAID",
  items: [{ productExternalId: "beans", quantity: 4, unitPrice: 2500 }, { productExternalId: "tea", quantity: 2, unitPrice: 2500 }], ...extra,
});
const today = () => ({ from: new Date(Date.now() - DAY).toISOString().slice(0, 10), to: new Date(Date.now() + DAY).toISOString().slice(0, 10) });
const campaignEntries = (businessId: string) =>
  db.ledgerEntry.findMany({ where: { businessId, idempotencyKey: { startsWith: "campaign:" } }, orderBy: { createdAt: "asc" } });

describe("multiplier campaigns on orders", () => {
  it("best campaign per line, not stacked, not multiplied by the tier; each its own named entry, counted per campaign", async () => {
    const { business, actor, store } = await setup({ tiers: [{ name: "Member", minPoints: 0, multiplierPercent: 150 }] });
    const double = await createCampaign(db, actor, { name: "Double weekend", kind: "MULTIPLIER", multiplierPercent: 200, ...window() });
    const coffee = await createCampaign(db, actor, { name: "Triple coffee", kind: "MULTIPLIER", multiplierPercent: 300, categories: ["coffee"], ...window() });
    // Another at the same store: loses to the triple on coffee, ties the double on tea (created later: no).
    await createCampaign(db, actor, { name: "Downtown double", kind: "MULTIPLIER", multiplierPercent: 200, storeIds: ["DT"], ...window() });
    const { order: o } = await createOrder(db, actor, order("SO-1", { storeId: store.id }));
    expect(o.points).toBe(150);
    const award = await db.ledgerEntry.findFirstOrThrow({ where: { businessId: business.id, id: o.awardEntryId! } });
    expect(award).toMatchObject({ points: 225, basePoints: 150, multiplierPercent: 150 });
    const bonuses = await campaignEntries(business.id);
    expect(bonuses.map((e) => [e.description, e.points, e.multiplierPercent, (e.metadata as { campaignId: string }).campaignId, e.storeId])).toEqual([
      ["Campaign: Double weekend", 50, 100, double.id, store.id],
      ["Campaign: Triple coffee", 200, 100, coffee.id, store.id],
    ]);
    expect((await ledgerState(business.id, o.customerId)).balance).toBe(225 + 250);
    const analytics = await getAnalytics(db, actor, today());
    expect(analytics.campaigns).toEqual([
      { campaignId: coffee.id, name: "Triple coffee", kind: "MULTIPLIER", points: 200, customers: 1 },
      { campaignId: double.id, name: "Double weekend", kind: "MULTIPLIER", points: 50, customers: 1 },
    ]);
  });

  it("the documented worked example, continued: 121 + 106 + 18 points in three entries", async () => {
    const { business, actor } = await setup({ earnRate: 2, orderEarnsOnShipping: true, tiers: [{ name: "Gold", minPoints: 0, multiplierPercent: 150 }] });
    await upsertProduct(db, actor, { externalId: "gift-20", name: "Gift card", excluded: true });
    await upsertProduct(db, actor, { externalId: "beans-1kg", name: "Beans", category: "Coffee" });
    await createCampaign(db, actor, { name: "Double weekend", kind: "MULTIPLIER", multiplierPercent: 200, ...window() });
    await createCampaign(db, actor, { name: "Coffee triple", kind: "MULTIPLIER", multiplierPercent: 300, categories: ["Coffee"], ...window() });
    const { order: o } = await createOrder(db, actor, {
      externalId: "SO-1001", customerEmail: "ada@example.com", currency: "USD", subtotal: 5999, discount: 600, shipping: 500, tax: 480, status: "PAID",
      items: [{ productExternalId: "beans-1kg", quantity: 2, unitPrice: 1500 }, { productExternalId: "gift-20", quantity: 1, unitPrice: 2000 }, { productExternalId: "mug", quantity: 1, unitPrice: 999 }],
    });
    const rows = await db.ledgerEntry.findMany({ where: { businessId: business.id, customerId: o.customerId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((e) => [e.description, e.points])).toEqual([["Order SO-1001", 121], ["Campaign: Double weekend", 18], ["Campaign: Coffee triple", 106]]);
    expect((await ledgerState(business.id, o.customerId)).balance).toBe(245);
  });

  it("returned items take back the bonus on their own lines only: the beans' 106 whole, nothing of the mug's 18; then an amount its share", async () => {
    const { business, actor } = await setup({ earnRate: 2, orderEarnsOnShipping: true });
    await upsertProduct(db, actor, { externalId: "gift-20", name: "Gift card", excluded: true });
    await upsertProduct(db, actor, { externalId: "beans-1kg", name: "Beans", category: "Coffee" });
    const double = await createCampaign(db, actor, { name: "Double weekend", kind: "MULTIPLIER", multiplierPercent: 200, ...window() });
    const triple = await createCampaign(db, actor, { name: "Coffee triple", kind: "MULTIPLIER", multiplierPercent: 300, categories: ["Coffee"], ...window() });
    const { order: o } = await createOrder(db, actor, {
      externalId: "SO-1002", customerEmail: "ada@example.com", currency: "USD", subtotal: 5999, discount: 600, shipping: 500, tax: 480, status: "PAID",
      items: [{ productExternalId: "beans-1kg", quantity: 2, unitPrice: 1500 }, { productExternalId: "gift-20", quantity: 1, unitPrice: 2000 }, { productExternalId: "mug", quantity: 1, unitPrice: 999 }],
    });
    const bonus = async (campaignId: string) => db.orderCampaignBonus.findFirstOrThrow({ where: { businessId: business.id, orderId: o.id, campaignId } });
    expect([(await bonus(triple.id)).pointsAwarded, (await bonus(double.id)).pointsAwarded]).toEqual([106, 18]);
    await refundOrder(db, actor, { externalId: "SO-1002", idempotencyKey: "r-beans", items: [{ productExternalId: "beans-1kg", quantity: 2 }] });
    expect([(await bonus(triple.id)).pointsTaken, (await bonus(double.id)).pointsTaken]).toEqual([106, 0]);
    // 10.00 back by amount names no lines: the bonus gives back the refund's share of the order's 40.99 eligible.
    const refunded = await refundOrder(db, actor, { externalId: "SO-1002", idempotencyKey: "r-amount", amount: 1000 });
    const share = refunded.refund.eligibleAmount / 4099;
    expect((await bonus(double.id)).pointsTaken).toBe(Math.floor(18 * share));
    expect((await bonus(triple.id)).pointsTaken).toBe(106);
  });

  it("filters by store; outside its window or ended earns nothing extra", async () => {
    const { business, actor, store, other } = await setup();
    await createCampaign(db, actor, { name: "Downtown only", kind: "MULTIPLIER", multiplierPercent: 200, storeIds: [store.id], ...window() });
    await createCampaign(db, actor, { name: "Next week", kind: "MULTIPLIER", multiplierPercent: 500, ...window(DAY, 2 * DAY) });
    const ended = await createCampaign(db, actor, { name: "Ended", kind: "MULTIPLIER", multiplierPercent: 500, ...window() });
    await db.campaign.update({ where: { businessId_id: { businessId: business.id, id: ended.id } }, data: { active: false } });
    await createOrder(db, actor, order("SO-UP", { storeId: other.id }));
    await createOrder(db, actor, order("SO-NONE"));
    expect(await campaignEntries(business.id)).toEqual([]);
    // Placed (placedAt) last week: the window is judged then, not now.
    await createCampaign(db, actor, { name: "Last week", kind: "MULTIPLIER", multiplierPercent: 200, ...window(-8 * DAY, -6 * DAY) });
    await createOrder(db, actor, order("SO-OLD", { placedAt: new Date(Date.now() - 7 * DAY).toISOString() }));
    await createOrder(db, actor, order("SO-DT", { storeId: "DT" }));
    expect((await campaignEntries(business.id)).map((e) => [e.description, e.points])).toEqual([["Campaign: Last week", 150], ["Campaign: Downtown only", 150]]);
  });

  it("a pending order's bonus comes with its award when paid; a retried create doesn't award twice", async () => {
    const { business, actor } = await setup();
    await createCampaign(db, actor, { name: "Double", kind: "MULTIPLIER", multiplierPercent: 200, ...window() });
    await createOrder(db, actor, order("SO-P", { status: "PENDING" }));
    expect(await campaignEntries(business.id)).toEqual([]);
    await updateOrderStatus(db, actor, { externalId: "SO-P", status: "PAID" });
    await updateOrderStatus(db, actor, { externalId: "SO-P", status: "FULFILLED" });
    await createOrder(db, actor, order("SO-P", { status: "PENDING" }));
    expect((await campaignEntries(business.id)).map((e) => e.points)).toEqual([150]);
  });

  it("refunds take the bonus back in proportion, a cancel all of it; analytics count it net", async () => {
    const { business, actor } = await setup();
    const double = await createCampaign(db, actor, { name: "Double", kind: "MULTIPLIER", multiplierPercent: 200, ...window() });
    const { order: o } = await createOrder(db, actor, order("SO-R"));
    await refundOrder(db, actor, { externalId: "SO-R", idempotencyKey: "r1", amount: 5000 });
    expect((await ledgerState(business.id, o.customerId)).balance).toBe(100 + 100);
    await refundOrder(db, actor, { externalId: "SO-R", idempotencyKey: "r2", amount: 10_000 });
    expect((await ledgerState(business.id, o.customerId)).balance).toBe(0);
    const bonus = await db.orderCampaignBonus.findFirstOrThrow({ where: { businessId: business.id, orderId: o.id } });
    expect(bonus).toMatchObject({ points: 150, pointsAwarded: 150, pointsTaken: 150, pointsUnrecovered: 0 });

    const { order: c } = await createOrder(db, actor, order("SO-C", { customerEmail: "bo@example.com" }));
    expect((await ledgerState(business.id, c.customerId)).balance).toBe(300);
    await updateOrderStatus(db, actor, { externalId: "SO-C", status: "CANCELLED" });
    expect((await ledgerState(business.id, c.customerId)).balance).toBe(0);
    const links = await db.campaignAward.aggregate({ where: { businessId: business.id, campaignId: double.id }, _sum: { points: true } });
    expect(links._sum.points).toBe(0);
    expect((await getAnalytics(db, actor, today())).campaigns).toEqual([{ campaignId: double.id, name: "Double", kind: "MULTIPLIER", points: 0, customers: 2 }]);
  });

  it("a pending bonus is reversed and reissued for what is left on a partial refund", async () => {
    const { business, actor } = await setup({ pendingDays: 14 });
    await createCampaign(db, actor, { name: "Double", kind: "MULTIPLIER", multiplierPercent: 200, ...window() });
    const { order: o } = await createOrder(db, actor, order("SO-PEND"));
    await refundOrder(db, actor, { externalId: "SO-PEND", idempotencyKey: "r1", amount: 5000 });
    const state = await ledgerState(business.id, o.customerId);
    expect(state).toMatchObject({ balance: 0, pending: 100 + 100 });
    const bonus = await db.orderCampaignBonus.findFirstOrThrow({ where: { businessId: business.id, orderId: o.id } });
    const live = await db.ledgerEntry.findFirstOrThrow({ where: { businessId: business.id, id: bonus.entryId! } });
    expect(live).toMatchObject({ points: 100, description: "Campaign: Double (order SO-PEND after refund)" });
  });

  it("a bonus is the order's: it can't be reversed alone (a refund would take it twice), and an erased customer's order cancels with it", async () => {
    const { business, actor } = await setup();
    await createCampaign(db, actor, { name: "Double", kind: "MULTIPLIER", multiplierPercent: 200, ...window() });
    const { order: o } = await createOrder(db, actor, order("SO-OWN"));
    const bonus = await db.orderCampaignBonus.findFirstOrThrow({ where: { businessId: business.id, orderId: o.id } });
    await expect(reverseEntry(db, actor, { entryId: bonus.entryId!, reason: "by hand" })).rejects.toMatchObject({ code: "NOT_REVERSIBLE" });
    await eraseCustomer(db, actor, { id: o.customerId });
    const entries = await db.ledgerEntry.count({ where: { businessId: business.id } });
    await expect(updateOrderStatus(db, actor, { externalId: "SO-OWN", status: "CANCELLED" })).resolves.toMatchObject({ changed: true });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(entries);
    expect(await db.orderCampaignBonus.findFirstOrThrow({ where: { businessId: business.id, orderId: o.id } })).toMatchObject({ pointsTaken: 0, pointsUnrecovered: 0 });
  });
});
