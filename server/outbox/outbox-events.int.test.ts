// Every event type is written by the real code path, exactly in its documented shape (no field
// more or less, timestamps in UTC with milliseconds), carrying the customer and the entry as the
// API shows them; and each type has one writer, an ll_emit_* function.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { databaseTimeIn, makeBusiness, untilDatabaseClockPasses } from "../../test/fixtures";
import { rawPool } from "../../test/test-database";
import { awardBadge } from "../badges/award-badge";
import { createCustomer } from "../customers/create-customer";
import { eraseCustomer } from "../customers/erase-customer";
import { getCustomer } from "../customers/get-customer";
import { updateCustomer } from "../customers/update-customer";
import { db } from "../db/client";
import { importCustomers } from "../import/import-customers";
import { adjustPoints, awardPoints, expireDuePoints, redeemPoints, reverseEntry, warnExpiringPoints } from "../ledger";
import { releasePendingPoints } from "../ledger/release-pending-points";
import { createOrder } from "../orders/create-order";
import { refundOrder } from "../orders/refund-order";
import { updateOrderStatus } from "../orders/update-order-status";
import { cancelRedemption } from "../rewards/cancel-redemption";
import { createReward } from "../rewards/manage-rewards";
import { redeemReward } from "../rewards/redeem-reward";
import { createReferral } from "../referrals/create-referral";
import { withdrawReferral } from "../referrals/withdraw-referral";
import { erasedEventDataSchema, outboxEvents, type OutboxEventType } from "./outbox-events";

// What the REST API sends for a value: JSON, dates as ISO strings.
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe("outbox events", () => {
  it("has one documented event per ledger movement, customer change, badge, expiry warning, tier change and release of pending points, each exactly its schema", async () => {
    const { actor } = await makeBusiness();
    const award = await awardPoints(db, actor, { customerEmail: "ev@test.dev", customerName: "Eve", amount: 100, metadata: { till: 2 } });
    const customerId = award.transaction.customerId;
    await awardPoints(db, actor, { customerId, amount: 80, reference: "order-1", idempotencyKey: "k-1" });
    const redeem = await redeemPoints(db, actor, { customerId, amount: 30 });
    await adjustPoints(db, actor, { customerId, points: -5, reason: "Fix" });
    await reverseEntry(db, actor, { entryId: redeem.transaction.id, reason: "Cancelled" });
    // Points that expire in a moment, the only write the wait depends on.
    const soon = await databaseTimeIn(2);
    await awardPoints(db, actor, { customerId, amount: 20, expiresAt: soon });
    await untilDatabaseClockPasses(soon);
    await expireDuePoints(db, { businessId: actor.businessId });
    await updateCustomer(db, actor, { id: customerId, name: "Eve Adams", notes: "Regular" });
    await updateCustomer(db, actor, { id: customerId, status: "BLOCKED" });
    await updateCustomer(db, actor, { id: customerId, status: "ACTIVE" });
    await awardBadge(db, actor, { customerId, badgeSlug: "first-visit" });
    const reward = await createReward(db, actor, { title: "Free coffee", pointsCost: 50, stock: 3, couponMode: "GENERATED" });
    const redemption = await redeemReward(db, actor, { rewardId: reward.id, customerId });
    await cancelRedemption(db, actor, { id: redemption.id, reason: "Changed mind" });
    await awardPoints(db, actor, { customerId, amount: 40, expiresAt: await databaseTimeIn(3 * 86_400) });
    await warnExpiringPoints(db, { businessId: actor.businessId });
    // Up a tier (Silver at 1000 lifetime points), then pending points that become spendable.
    await awardPoints(db, actor, { customerId, amount: 1000 });
    const available = await databaseTimeIn(2);
    await awardPoints(db, actor, { customerId, amount: 10, availableAt: available });
    await untilDatabaseClockPasses(available);
    await releasePendingPoints(db, { businessId: actor.businessId });
    // Someone else, erased: the events about Eve stay whole.
    const { customer: gone } = await createCustomer(db, actor, { email: "gone@test.dev", name: "Gone" });
    await eraseCustomer(db, actor, { id: gone.id });
    // An order that arrives paid (someone new, enrolled by it), then refunded in part.
    await createOrder(db, actor, {
      externalId: "SO-1", customerEmail: "orders@test.dev", currency: "USD", subtotal: 2000, status: "PAID", referralCode: "FRIEND",
      items: [{ productExternalId: "beans", quantity: 2, unitPrice: 1000 }],
    });
    await refundOrder(db, actor, { externalId: "SO-1", amount: 500, idempotencyKey: "r-1" });
    const eve = asJson(await getCustomer(db, actor, { id: customerId }));
    // Eve refers a friend, whose first paid order completes it: both sides credited.
    await db.business.update({ where: { id: actor.businessId }, data: { referrerPoints: 30, refereePoints: 10 } });
    await createReferral(db, actor, { referrer: customerId, refereeEmail: "friend@test.dev" });
    await createOrder(db, actor, {
      externalId: "SO-2", customerEmail: "friend@test.dev", currency: "USD", subtotal: 1000, status: "PAID",
      items: [{ productExternalId: "beans", quantity: 1, unitPrice: 1000 }],
    });
    // A referral made and withdrawn; the friend's order cancelled: that referral is void, both
    // sides' referral points taken back.
    const made = await createReferral(db, actor, { referrer: customerId, refereeEmail: "someone@test.dev" });
    await db.$transaction((tx) => withdrawReferral(tx, actor, { id: made.referral.id }));
    await updateOrderStatus(db, actor, { externalId: "SO-2", status: "CANCELLED" });
    // A customer import: one event for its batch, none per new customer.
    await importCustomers(db, actor, Readable.from(["email,balance\nimported@test.dev,30\n"]), { dryRun: false, skipInvalid: false });

    const events = await db.outboxEvent.findMany({ where: { businessId: actor.businessId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual([
      "customer.created", "points.earned", "points.earned", "points.redeemed", "points.adjusted", "points.reversed", "points.earned", "points.expired",
      "customer.updated", "customer.blocked", "customer.unblocked", "badge.awarded",
      "points.redeemed", "reward.redeemed", "points.reversed", "reward.redemption_cancelled", "points.earned", "points.expiring_soon",
      "customer.tier_changed", "points.earned", "points.earned", "points.available", "customer.created", "customer.erased",
      "customer.created", "points.earned", "order.created", "points.adjusted", "order.refunded",
      "referral.created", "customer.created", "points.earned", "order.created", "points.earned", "points.earned", "referral.completed",
      "referral.created", "referral.withdrawn", "points.adjusted", "points.adjusted", "points.adjusted", "referral.voided",
      "customers.imported",
    ]);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(outboxEvents)));
    for (const event of events) {
      const schema = outboxEvents[event.type as OutboxEventType];
      const payload = event.payload as Record<string, unknown>;
      // Gone's enrolment, rewritten by the erasure to the documented erased form.
      if (payload.erased === true) {
        expect([event.type, erasedEventDataSchema.safeParse(payload).success]).toEqual(["customer.created", true]);
        continue;
      }
      expect(schema.safeParse(payload).error?.issues ?? [], event.type).toEqual([]);
      // Closed, down to the customer: a field more is not the documented event.
      expect(schema.safeParse({ ...payload, extra: 1 }).success, event.type).toBe(false);
      expect(schema.safeParse({ ...payload, customer: { ...(payload.customer as object), notes: "Regular" } }).success, event.type).toBe(false);
    }

    // The entry as the award answered it through the API, the customer as GET /customers shows it.
    const earned = events[1]!.payload as { entry: unknown; customer: Record<string, unknown>; balance: number };
    expect(earned.entry).toEqual(asJson(award.transaction));
    expect(earned.balance).toBe(100);
    // The coupon code reaches the store by both events of a redemption.
    const [pointsRedeemed, rewardRedeemed] = events.filter((e) => e.type === "points.redeemed" || e.type === "reward.redeemed").slice(-2).map((e) => e.payload as Record<string, never>);
    expect(pointsRedeemed!.entry).toMatchObject({ id: redemption.entryId, metadata: { couponCode: redemption.couponCode } });
    expect(rewardRedeemed).toMatchObject({ reward: { id: reward.id }, redemption: { id: redemption.id, couponCode: redemption.couponCode, entryId: redemption.entryId } });
    const last = events.findLast((e) => e.type === "points.available")!.payload as { customer: Record<string, unknown> };
    // Staff notes stay inside the API and the portal; events go to third parties (so does the
    // referral code: it is the customer's to hand out, not an integrator's; nor the birthday,
    // which no event needs).
    const { recentTransactions: _r, badges: _b, notes: _n, referralCode: _c, birthday: _d, ...current } = eve;
    expect(last.customer).toEqual(current);
    // The order as GET /orders shows it; the refund with what it took (20 points, a quarter back).
    expect(events.at(-2)!.payload).toMatchObject({ referral: { status: "VOIDED", referrerPoints: 30, refereePoints: 10, pointsUnrecovered: 0 } });
    expect(events.at(-1)!.payload).toEqual({ import: { created: 1, updated: 0, balancesPosted: 1, pointsPosted: 30, fromLine: 2, toLine: 2 } });
    const refunded = events.findLast((e) => e.type === "order.refunded")!.payload as { order: Record<string, unknown>; refund: Record<string, unknown> };
    expect(refunded.order).toMatchObject({ externalId: "SO-1", status: "PAID", points: 20, pointsAwarded: 20, pointsRefunded: 5, amountRefunded: 500, referralCode: "FRIEND" });
    expect(refunded.refund).toMatchObject({ idempotencyKey: "r-1", amount: 500, pointsTaken: 5, pointsUnrecovered: 0 });
  });

  it("writes each event type in one place: an ll_emit_* function", async () => {
    const pool = rawPool();
    const { rows } = await pool.query<{ name: string; source: string }>(`
      SELECT p.proname AS name, p.prosrc AS source FROM pg_proc p
       WHERE p.pronamespace = current_schema()::regnamespace AND p.prosrc ~* 'insert\\s+into\\s+"?outbox_events'`);
    for (const type of Object.keys(outboxEvents)) {
      const writers = rows.filter((r) => r.source.includes(`'${type}'`)).map((r) => r.name);
      expect(writers, type).toHaveLength(1);
      expect(writers[0], type).toMatch(/^ll_emit_/);
    }
  });
});
