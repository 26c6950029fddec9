// The program rules the ledger applies under the customer's row lock: tier multipliers (and
// skipping them), tiers moving up and down with history and events, pending points, stores.
import { describe, expect, it } from "vitest";
import { databaseTimeIn, ledgerState, makeBusiness, untilDatabaseClockPasses } from "../../test/fixtures";
import { ownerUrl, rawPool } from "../../test/test-database";
import { db } from "../db/client";
import { updateProgramSettings, getProgramSettings } from "../program/program-settings";
import { reevaluateTiers } from "../program/reevaluate-tiers";
import { createStore, updateStore } from "../stores/manage-stores";
import { checkInCustomer } from "../pos/check-in-customer";
import { redeemAtTill } from "../pos/redeem-at-till";
import { createReward } from "../rewards/manage-rewards";
import { redeemReward } from "../rewards/redeem-reward";
import { cancelRedemption } from "../rewards/cancel-redemption";
import { adjustPoints, awardPoints, getBalance, listHistory, redeemPoints, reverseEntry } from ".";
import { releasePendingPoints } from "./release-pending-points";
import type { Actor } from "../actors/actor";

const TIERS = [
  { name: "Member", minPoints: 0, multiplierPercent: 100 },
  { name: "Silver", minPoints: 100, multiplierPercent: 150 },
  { name: "Gold", minPoints: 1000, multiplierPercent: 200 },
];

async function programBusiness(changes: Partial<Awaited<ReturnType<typeof getProgramSettings>>> = {}) {
  const { business, actor } = await makeBusiness();
  await updateProgramSettings(db, actor, { ...(await getProgramSettings(db, actor)), tiers: TIERS, ...changes });
  return { business, actor };
}

const entries = (customerId: string) => db.ledgerEntry.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
const tierOf = async (customerId: string) => (await db.customer.findFirstOrThrow({ where: { id: customerId } })).tier;

describe("tier multipliers", () => {
  it("multiply awards by the customer's tier, rounded down, unless skipMultiplier; adjustments never", async () => {
    const { actor } = await programBusiness();
    const first = await awardPoints(db, actor, { customerEmail: "m@test.dev", amount: 100 });
    const customerId = first.transaction.customerId;
    expect(first.transaction).toMatchObject({ points: 100, basePoints: 100, multiplierPercent: 100 });
    expect(await tierOf(customerId)).toBe("Silver");
    const odd = await awardPoints(db, actor, { customerId, amount: 7 });
    expect(odd.transaction).toMatchObject({ points: 10, basePoints: 7, multiplierPercent: 150 }); // 10.5 rounds down
    const one = await awardPoints(db, actor, { customerId, amount: 1 });
    expect(one.transaction.points).toBe(1); // 1.5 rounds down
    const skipped = await awardPoints(db, actor, { customerId, amount: 7, skipMultiplier: true });
    expect(skipped.transaction).toMatchObject({ points: 7, basePoints: 7, multiplierPercent: 100 });
    const adjusted = await adjustPoints(db, actor, { customerId, points: 7, reason: "goodwill" });
    expect(adjusted.transaction).toMatchObject({ points: 7, basePoints: null, multiplierPercent: null });
    const rows = await entries(customerId);
    expect(rows.map((e) => [e.points, e.basePoints, e.multiplierPercent])).toEqual([[100, 100, 100], [10, 7, 150], [1, 1, 150], [7, 7, 100], [7, null, null]]);
    expect((await ledgerState(actor.businessId, customerId)).balance).toBe(125);
  });

  it("a changed tier table applies from the next award: a renamed tier keeps its multiplier, a moved threshold moves the customer", async () => {
    const { actor } = await programBusiness();
    const first = await awardPoints(db, actor, { customerEmail: "t@test.dev", amount: 100 });
    const customerId = first.transaction.customerId;
    const settings = await getProgramSettings(db, actor);
    await updateProgramSettings(db, actor, { ...settings, tiers: TIERS.map((t) => (t.name === "Silver" ? { ...t, name: "Argent" } : t)) });
    const renamed = await awardPoints(db, actor, { customerId, amount: 10 });
    expect(renamed.transaction).toMatchObject({ points: 15, multiplierPercent: 150 });
    expect(await tierOf(customerId)).toBe("Argent");
    // Gold now from 100 points at 200%: before any re-evaluation, the next award earns it.
    await updateProgramSettings(db, actor, { ...settings, tiers: [TIERS[0]!, { name: "Gold", minPoints: 100, multiplierPercent: 200 }] });
    expect((await awardPoints(db, actor, { customerId, amount: 10 })).transaction).toMatchObject({ points: 20, multiplierPercent: 200 });
    const changes = await db.tierChange.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.toTier, c.reason])).toEqual([["Silver", "EARNED"], ["Argent", "REEVALUATED"], ["Gold", "REEVALUATED"]]);
  });

  it("replays the original points after the tier changed in between", async () => {
    const { actor } = await programBusiness();
    const first = await awardPoints(db, actor, { customerEmail: "r@test.dev", amount: 100 });
    const customerId = first.transaction.customerId;
    const original = await awardPoints(db, actor, { customerId, amount: 10, idempotencyKey: "order-9" });
    expect(original.transaction.points).toBe(15);
    await updateProgramSettings(db, actor, { ...(await getProgramSettings(db, actor)), tiers: TIERS.map((t) => ({ ...t, multiplierPercent: 300 })) });
    const replay = await awardPoints(db, actor, { customerId, amount: 10, idempotencyKey: "order-9" });
    expect(replay).toMatchObject({ replay: true, transaction: { id: original.transaction.id, points: 15, multiplierPercent: 150 } });
    expect(await db.ledgerEntry.count({ where: { customerId } })).toBe(2);
  });

  it("a customer crossing a threshold in the middle of a batch earns the new multiplier from the next award on", async () => {
    const { actor } = await programBusiness();
    const first = await awardPoints(db, actor, { customerEmail: "b@test.dev", amount: 30 });
    const customerId = first.transaction.customerId;
    // Sent together: queued on one lane and written in one batch, one after another under the lock.
    const results = await Promise.all(Array.from({ length: 4 }, () => awardPoints(db, actor, { customerId, amount: 30 })));
    const rows = await entries(customerId);
    // 30, 60, 90 at 100%; the 4th reaches 120 (Silver); the 5th earns 45.
    expect(rows.map((e) => e.points)).toEqual([30, 30, 30, 30, 45]);
    expect(results.map((r) => r.transaction.points).sort()).toEqual([30, 30, 30, 45]);
    const changes = await db.tierChange.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.fromTier, c.toTier, c.qualifyingPoints, c.reason])).toEqual([["Member", "Silver", 120, "EARNED"]]);
    const events = await db.outboxEvent.findMany({ where: { businessId: actor.businessId, type: "customer.tier_changed" } });
    expect(events.map((e) => e.payload)).toMatchObject([{ previousTier: "Member", tier: "Silver", qualifyingPoints: 120, reason: "EARNED", customer: { id: customerId, tier: "Silver" } }]);
  });

  it("a reversal can take a customer down a tier, recorded as such", async () => {
    const { actor } = await programBusiness();
    const award = await awardPoints(db, actor, { customerEmail: "d@test.dev", amount: 150 });
    const customerId = award.transaction.customerId;
    expect(await tierOf(customerId)).toBe("Silver");
    await reverseEntry(db, actor, { entryId: award.transaction.id, reason: "refund" });
    expect(await tierOf(customerId)).toBe("Member");
    const changes = await db.tierChange.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.toTier, c.reason])).toEqual([["Silver", "EARNED"], ["Member", "REVERSED"]]);
  });

  it("on a rolling 12-month basis, points older than a year stop counting at the daily re-evaluation", async () => {
    const { actor } = await programBusiness({ tierBasis: "ROLLING_12_MONTHS" });
    const old = await awardPoints(db, actor, { customerEmail: "old@test.dev", amount: 120 });
    const customerId = old.transaction.customerId;
    await awardPoints(db, actor, { customerId, amount: 20, skipMultiplier: true });
    expect(await tierOf(customerId)).toBe("Silver");
    await backdate(old.transaction.id, "13 months");
    // Nothing moves until the job runs: the tier is decided by writes and by the daily run.
    expect(await tierOf(customerId)).toBe("Silver");
    expect(await reevaluateTiers(db, { businessId: actor.businessId })).toEqual({ changed: 1 });
    expect(await tierOf(customerId)).toBe("Member");
    const change = await db.tierChange.findFirstOrThrow({ where: { customerId, reason: "REEVALUATED" } });
    expect(change).toMatchObject({ fromTier: "Silver", toTier: "Member", qualifyingPoints: 20 });
    expect(await getBalance(db, actor, { customerId })).toMatchObject({ tier: "Member", qualifyingPoints: 20, nextTier: { name: "Silver" }, pointsToNextTier: 80 });
    // Run again: nobody changes, nothing is recorded twice.
    expect(await reevaluateTiers(db, { businessId: actor.businessId })).toEqual({ changed: 0 });
    expect(await db.tierChange.count({ where: { customerId, reason: "REEVALUATED" } })).toBe(1);
  });
});

describe("tier re-evaluation and customers being written", () => {
  it("comes back to a customer it skipped because a write held them, instead of leaving their tier stale", async () => {
    const { actor } = await programBusiness();
    const award = await awardPoints(db, actor, { customerEmail: "busy@test.dev", amount: 600 });
    const customerId = award.transaction.customerId;
    expect(await tierOf(customerId)).toBe("Silver");
    // Gold moves down to 500: the saved table queues a re-evaluation, run here by hand.
    await updateProgramSettings(db, actor, { ...(await getProgramSettings(db, actor)), tiers: [TIERS[0]!, TIERS[1]!, { name: "Gold", minPoints: 500, multiplierPercent: 200 }] });
    const holder = await owner.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM customers WHERE id = $1 FOR UPDATE", [customerId]);
      const run = reevaluateTiers(db, { businessId: actor.businessId });
      // The pass skips them, then waits for their lock: let go once it is waiting.
      await eventually(async () => {
        // A row lock waited for shows as an ungranted lock on the holder's transaction id.
        const { rows } = await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`);
        expect(rows[0].n).toBeGreaterThan(0);
      });
      await holder.query("COMMIT");
      expect(await run).toEqual({ changed: 1 });
    } finally {
      holder.release();
    }
    expect(await tierOf(customerId)).toBe("Gold");
  });
});

describe("pending points", () => {
  it("can't be spent or count toward tiers until their time, then are exact at read time before any job runs", async () => {
    const { actor } = await programBusiness();
    const seed = await awardPoints(db, actor, { customerEmail: "p@test.dev", amount: 50 });
    const customerId = seed.transaction.customerId;
    const at = await databaseTimeIn(2);
    const pending = await awardPoints(db, actor, { customerId, amount: 60, availableAt: at });
    expect(pending).toMatchObject({ balance: 50, transaction: { points: 60, balanceAfter: 50, availableAt: at } });
    expect(await getBalance(db, actor, { customerId })).toMatchObject({ balance: 50, pending: 60, nextAvailableAt: at, tier: "Member", qualifyingPoints: 50 });
    await expect(redeemPoints(db, actor, { customerId, amount: 51 })).rejects.toMatchObject({ code: "INSUFFICIENT_POINTS" });
    expect(await ledgerState(actor.businessId, customerId)).toMatchObject({ balance: 50, pending: 60, lotSum: 50, pendingLotSum: 60, entrySum: 110 });

    await untilDatabaseClockPasses(at);
    // Read before anything released them: already spendable, and already counted for the tier.
    expect(await getBalance(db, actor, { customerId })).toMatchObject({ balance: 110, pending: 0, nextAvailableAt: null, tier: "Silver", qualifyingPoints: 110 });
    expect(await db.outboxEvent.count({ where: { businessId: actor.businessId, type: "points.available" } })).toBe(0);
    // The next write releases them first, and can spend them.
    const spent = await redeemPoints(db, actor, { customerId, amount: 100 });
    expect(spent.balance).toBe(10);
    expect(await ledgerState(actor.businessId, customerId)).toMatchObject({ balance: 10, pending: 0, lotSum: 10, pendingLotSum: 0, entrySum: 10 });
    expect(await tierOf(customerId)).toBe("Silver");
    const [event] = await db.outboxEvent.findMany({ where: { businessId: actor.businessId, type: "points.available" } });
    expect(event?.payload).toMatchObject({ lot: { entryId: pending.transaction.id, points: 60 }, balance: 110 });
    const change = await db.tierChange.findFirstOrThrow({ where: { customerId } });
    expect(change).toMatchObject({ toTier: "Silver", reason: "AVAILABLE" });
  });

  it("the release job releases them for customers who don't come back, once", async () => {
    const { actor } = await programBusiness();
    const at = await databaseTimeIn(2);
    const award = await awardPoints(db, actor, { customerEmail: "j@test.dev", amount: 40, availableAt: at });
    const customerId = award.transaction.customerId;
    expect(await releasePendingPoints(db, { businessId: actor.businessId })).toEqual({ customers: 0 });
    await untilDatabaseClockPasses(at);
    expect(await releasePendingPoints(db, { businessId: actor.businessId })).toEqual({ customers: 1 });
    expect(await releasePendingPoints(db, { businessId: actor.businessId })).toEqual({ customers: 0 });
    expect(await ledgerState(actor.businessId, customerId)).toMatchObject({ balance: 40, pending: 0, lotSum: 40, entrySum: 40 });
    expect(await db.outboxEvent.count({ where: { businessId: actor.businessId, type: "points.available" } })).toBe(1);
  });

  it("the release job, run for every business, finds the ones with points due and releases only those", async () => {
    const due = [await programBusiness(), await programBusiness()];
    const later = await programBusiness();
    const at = await databaseTimeIn(2);
    const customers = [];
    for (const { actor } of due) customers.push((await awardPoints(db, actor, { customerEmail: "k@test.dev", amount: 30, availableAt: at })).transaction.customerId);
    const waiting = (await awardPoints(db, later.actor, { customerEmail: "k@test.dev", amount: 30, availableAt: await databaseTimeIn(3600) })).transaction.customerId;
    await untilDatabaseClockPasses(at);
    expect((await releasePendingPoints(db)).customers).toBeGreaterThanOrEqual(2);
    for (const [i, { actor }] of due.entries()) {
      expect(await ledgerState(actor.businessId, customers[i]!)).toMatchObject({ balance: 30, pending: 0, pendingLotSum: 0 });
    }
    expect(await ledgerState(later.actor.businessId, waiting)).toMatchObject({ balance: 0, pending: 30, pendingLotSum: 30 });
  });

  it("the program's pending days apply to awards (not adjustments), and expiry counts from availability", async () => {
    const { actor } = await programBusiness({ pendingDays: 14, pointExpiryDays: 30 });
    const award = await awardPoints(db, actor, { customerEmail: "w@test.dev", amount: 20 });
    const customerId = award.transaction.customerId;
    const availableAt = award.transaction.availableAt!;
    expect(availableAt.getTime() - award.transaction.createdAt.getTime()).toBeCloseTo(14 * 86_400_000, -4);
    expect(award.transaction.expiresAt!.getTime() - availableAt.getTime()).toBeCloseTo(30 * 86_400_000, -4);
    const adjust = await adjustPoints(db, actor, { customerId, points: 5, reason: "goodwill" });
    expect(adjust.transaction.availableAt).toBeNull();
    expect(await getBalance(db, actor, { customerId })).toMatchObject({ balance: 5, pending: 20 });
    // An expiry before the points could be spent is refused, writing nothing.
    await expect(awardPoints(db, actor, { customerId, amount: 5, expiresAt: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    expect(await db.ledgerEntry.count({ where: { customerId } })).toBe(2);
  });

  it("reversing a pending award cancels it from pending, leaving the balance alone", async () => {
    const { actor } = await programBusiness();
    const seed = await awardPoints(db, actor, { customerEmail: "x@test.dev", amount: 30 });
    const customerId = seed.transaction.customerId;
    const pending = await awardPoints(db, actor, { customerId, amount: 200, availableAt: new Date(Date.now() + 86_400_000) });
    await redeemPoints(db, actor, { customerId, amount: 30 }); // the balance is 0: the reversal takes nothing from it
    const reversal = await reverseEntry(db, actor, { entryId: pending.transaction.id, reason: "order cancelled" });
    expect(reversal).toMatchObject({ balance: 0, transaction: { type: "REVERSAL", points: -200, balanceAfter: 0 } });
    expect(await ledgerState(actor.businessId, customerId)).toMatchObject({ balance: 0, pending: 0, lotSum: 0, pendingLotSum: 0, entrySum: 0, lifetimeEarned: 30 });
    expect(await tierOf(customerId)).toBe("Member");
    expect(await db.tierChange.count({ where: { customerId } })).toBe(0);
  });
});

describe("stores on entries", () => {
  async function withStores(actor: Actor) {
    const downtown = await createStore(db, actor, { name: "Downtown", code: "DT-01" });
    const airport = await createStore(db, actor, { name: "Airport", code: "AP" });
    return { downtown, airport };
  }

  it("records the store named by our id or its code (any case), and history filters by it", async () => {
    const { actor } = await programBusiness();
    const { downtown, airport } = await withStores(actor);
    const a = await awardPoints(db, actor, { customerEmail: "s@test.dev", amount: 10, storeId: "dt-01" });
    const customerId = a.transaction.customerId;
    await redeemPoints(db, actor, { customerId, amount: 5, storeId: airport.id });
    await adjustPoints(db, actor, { customerId, points: 3, reason: "fix", storeId: "AP" });
    await awardPoints(db, actor, { customerId, amount: 1 });
    expect((await entries(customerId)).map((e) => e.storeId)).toEqual([downtown.id, airport.id, airport.id, null]);
    expect(a.transaction.storeId).toBe(downtown.id);
    const atAirport = await listHistory(db, actor, { customerId, storeId: "ap" });
    expect(atAirport.items.map((e) => e.points)).toEqual([3, -5]);
    await expect(listHistory(db, actor, { customerId, storeId: "nowhere" })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
  });

  it("refuses an unknown, closed or another business's store with 400, writing nothing", async () => {
    const { actor } = await programBusiness();
    const { downtown } = await withStores(actor);
    const other = await programBusiness();
    const elsewhere = await createStore(db, other.actor, { name: "Theirs", code: "TH" });
    await updateStore(db, actor, { id: downtown.id, active: false });
    for (const storeId of ["NOPE", downtown.id, "dt-01", elsewhere.id, "TH"]) {
      await expect(awardPoints(db, actor, { customerEmail: "n@test.dev", amount: 10, storeId }), storeId).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    }
    expect(await db.ledgerEntry.count({ where: { businessId: actor.businessId } })).toBe(0);
    expect(await db.customer.count({ where: { businessId: actor.businessId } })).toBe(0);
  });

  it("a till's free-text storeId still works for a business without stores, and must name a store once there are some", async () => {
    const { actor } = await programBusiness();
    const legacy = await checkInCustomer(db, actor, { phone: "+15550100001", amount: 500, storeId: "till-7" });
    expect(legacy.transaction).toMatchObject({ storeId: null, metadata: { storeId: "till-7" } });
    const { downtown } = await withStores(actor);
    const known = await checkInCustomer(db, actor, { phone: "+15550100001", amount: 500, storeId: "DT-01" });
    expect(known.transaction).toMatchObject({ storeId: downtown.id, metadata: { storeId: "DT-01" } });
    await expect(checkInCustomer(db, actor, { phone: "+15550100001", amount: 500, storeId: "till-7" })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    expect(await db.ledgerEntry.count({ where: { businessId: actor.businessId } })).toBe(2);
  });
});

describe("stores on redemptions", () => {
  it("a till's redeem and a reward redemption record the store; free text only while the business has no stores", async () => {
    const { actor } = await programBusiness();
    await checkInCustomer(db, actor, { phone: "+15550100002", amount: 50_000 });
    const legacy = await redeemAtTill(db, actor, { phone: "+15550100002", points: 10, storeId: "till-7" });
    expect(legacy.transaction).toMatchObject({ storeId: null, metadata: { storeId: "till-7" } });
    const downtown = await createStore(db, actor, { name: "Downtown", code: "DT-01" });
    const reward = await createReward(db, actor, { title: "Mug", pointsCost: 20 });
    const atTill = await redeemAtTill(db, actor, { phone: "+15550100002", rewardId: reward.id, storeId: "dt-01" });
    expect(atTill.transaction.storeId).toBe(downtown.id);
    const overApi = await redeemReward(db, actor, { rewardId: reward.id, customerPhone: "+15550100002", storeId: downtown.id });
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { id: overApi.entryId } });
    expect(entry.storeId).toBe(downtown.id);
    const before = await db.redemption.count({ where: { businessId: actor.businessId } });
    await expect(redeemReward(db, actor, { rewardId: reward.id, customerPhone: "+15550100002", storeId: "till-7" })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    await expect(redeemAtTill(db, actor, { phone: "+15550100002", points: 5, storeId: "till-7" })).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    // Refused whole: no redemption, and the reward's stock and the points untouched.
    expect(await db.redemption.count({ where: { businessId: actor.businessId } })).toBe(before);
  });
});

describe("reward redemptions in the ledger", () => {
  it("a redemption's entry can't be reversed alone: the points come back only by cancelling it", async () => {
    const { actor } = await programBusiness();
    const seed = await awardPoints(db, actor, { customerEmail: "rr@test.dev", amount: 80 });
    const reward = await createReward(db, actor, { title: "Mug", pointsCost: 30, stock: 1, couponMode: "GENERATED" });
    const redemption = await redeemReward(db, actor, { rewardId: reward.id, customerId: seed.transaction.customerId });
    await expect(reverseEntry(db, actor, { entryId: redemption.entryId, reason: "refund" })).rejects.toMatchObject({
      code: "NOT_REVERSIBLE",
      message: expect.stringMatching(/cancel the redemption/),
    });
    expect(await db.ledgerEntry.count({ where: { reversesEntryId: redemption.entryId } })).toBe(0);
    await cancelRedemption(db, actor, { id: redemption.id });
    expect(await db.ledgerEntry.count({ where: { reversesEntryId: redemption.entryId } })).toBe(1);
    expect(await getBalance(db, actor, { customerId: seed.transaction.customerId })).toMatchObject({ balance: 80 });
  });
});

// Ledger entries are append-only for the app (a trigger refuses UPDATE); a test moving one back
// in time does it as the owner with user triggers off, in one transaction.
const owner = rawPool(ownerUrl());

// Polls until the check passes (the database's own state, not a timer, decides); gives up after 20 s.
async function eventually(check: () => Promise<void>) {
  for (let started = Date.now(); ; ) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > 20_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
async function backdate(entryId: string, interval: string) {
  const client = await owner.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE ledger_entries DISABLE TRIGGER USER");
    await client.query(`UPDATE ledger_entries SET created_at = created_at - $2::interval WHERE id = $1`, [entryId, interval]);
    await client.query("UPDATE point_lots SET created_at = created_at - $2::interval WHERE entry_id = $1", [entryId, interval]);
    await client.query("ALTER TABLE ledger_entries ENABLE TRIGGER USER");
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}
