// The demo business a newcomer first sees: 90 days of activity on the days it tells of, every
// ledger invariant intact after the backdating, analytics with real series, and the
// append-only triggers back on. Ranges are read from the business's own window (its
// created_at), never from "today", so a run that crosses midnight reads the same days.
import { beforeAll, describe, expect, it } from "vitest";
import { ledgerState } from "../../test/fixtures";
import { ownerUrl, rawPool } from "../../test/test-database";
import { portalActor } from "../actors/actor";
import { compareStores } from "../analytics/compare-stores";
import { getAnalytics } from "../analytics/get-analytics";
import { db } from "../db/client";
import { DEMO, seedDemo } from "./seed-demo";

const DAY = 86_400_000;
let businessId: string;
let windowStart: Date;
const windowEnd = () => new Date(windowStart.getTime() + 90 * DAY);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

beforeAll(async () => {
  const seeded = await seedDemo(db, { ownerUrl: ownerUrl() });
  expect(seeded.created).toBe(true);
  businessId = seeded.businessId!;
  windowStart = (await db.business.findUniqueOrThrow({ where: { id: businessId } })).createdAt;
});

describe("the demo business's history", () => {
  it("spreads over the last 90 days, at two stores, with every kind of entry and some blocked customers", async () => {
    expect(windowStart.getTime() % DAY).toBe(0);
    const days = await db.$queryRaw<{ day: Date; week: number }[]>`
      SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date AS day, floor(extract(epoch FROM ${windowEnd()}::timestamptz - created_at) / 604800)::int AS week
        FROM ledger_entries WHERE business_id = ${businessId}::uuid`;
    expect(days.length).toBeGreaterThanOrEqual(80);
    expect(new Set(days.map((d) => d.week))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    const kinds = await db.ledgerEntry.groupBy({ by: ["type"], where: { businessId }, _count: true });
    expect(kinds.map((k) => k.type).sort()).toEqual(["ADJUST", "AWARD", "EXPIRE", "REDEEM", "REVERSAL"]);
    expect(await db.ledgerEntry.count({ where: { businessId } })).toBeLessThanOrEqual(1000);
    const customers = await db.customer.findMany({ where: { businessId } });
    expect(customers.length).toBeGreaterThanOrEqual(40);
    expect(customers.find((c) => c.email === "ada@example.com")).toMatchObject({ name: "Ada Lovelace", phone: "+15550100001" });
    expect(new Set(customers.map((c) => isoDay(c.createdAt))).size).toBeGreaterThanOrEqual(25);
    expect(customers.filter((c) => c.status === "BLOCKED").length).toBeGreaterThanOrEqual(2);
    expect(customers.filter((c) => c.tier !== "Bronze").length).toBeGreaterThan(0);
    expect(await db.tierChange.count({ where: { businessId, createdAt: { lt: windowEnd() } } })).toBe(await db.tierChange.count({ where: { businessId } }));
    const stores = await compareStores(db, businessId, { start: windowStart, end: windowEnd() });
    expect(stores.map((s) => s.code).sort()).toEqual(["HARBOUR", "MAIN"]);
    for (const store of stores) expect(store).toMatchObject({ earned: expect.any(Number), redeemed: expect.any(Number) });
    expect(Math.min(...stores.map((s) => s.earned))).toBeGreaterThan(0);
    // Redemptions and their coupons moved with their entries.
    const [moved] = await db.$queryRaw<{ off: bigint }[]>`
      SELECT count(*) AS off FROM redemptions r JOIN ledger_entries e ON e.business_id = r.business_id AND e.id = r.entry_id
       WHERE r.business_id = ${businessId}::uuid AND r.created_at <> date_trunc('milliseconds', e.created_at)`;
    expect(moved!.off).toBe(0n);
  });

  it("keeps every ledger invariant for every customer", async () => {
    const [clock] = await db.$queryRaw<{ now: Date }[]>`SELECT now()`;
    expect(await db.ledgerEntry.count({ where: { businessId, OR: [{ createdAt: { gt: clock!.now } }, { createdAt: { lt: windowStart } }] } })).toBe(0);
    for (const customer of await db.customer.findMany({ where: { businessId } })) {
      const state = await ledgerState(businessId, customer.id);
      expect(state).toMatchObject({ balance: state.lotSum, entrySum: state.balance + state.pending, lotsOutOfStepWithAllocations: 0 });
      const entries = await db.ledgerEntry.findMany({ where: { businessId, customerId: customer.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      let running = 0;
      for (const entry of entries) expect(entry.balanceAfter).toBe((running += entry.points));
      expect(customer.createdAt.getTime()).toBeLessThanOrEqual(entries[0]!.createdAt.getTime());
    }
    // No open lot is past its date (none of its points would count, unexpired); a lot expires after it opened.
    const lots = await db.pointLot.findMany({ where: { businessId } });
    expect(lots.filter((l) => !l.depleted && l.expiresAt! <= clock!.now)).toEqual([]);
    expect(lots.filter((l) => l.expiresAt! <= l.createdAt)).toEqual([]);
    const [gaps] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM point_lots l JOIN ledger_entries e ON e.business_id = l.business_id AND e.id = l.entry_id
       WHERE l.business_id = ${businessId}::uuid AND (l.expires_at IS DISTINCT FROM e.expires_at OR abs(extract(epoch FROM l.created_at - e.created_at)) > 1)`;
    expect(gaps!.n).toBe(0n);
  });

  it("gives analytics of the last 90 days real daily series, the settled days already rolled up", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO.ownerEmail } });
    const last = new Date(windowEnd().getTime() - DAY);
    expect(await db.analyticsDaily.count({ where: { businessId, day: { lte: last } } })).toBeGreaterThanOrEqual(89);
    const analytics = await getAnalytics(db, portalActor(owner, businessId), { from: isoDay(windowStart), to: isoDay(last) });
    expect(analytics.daily).toHaveLength(90);
    expect(analytics.daily.filter((d) => d.earned > 0).length).toBeGreaterThanOrEqual(80);
    expect(analytics.daily.filter((d) => d.redeemed > 0).length).toBeGreaterThanOrEqual(20);
    expect(analytics.totals.expired).toBeGreaterThan(0);
    expect(analytics.customers.active).toBeGreaterThanOrEqual(30);
    // The liability grows from nothing to what the customers hold.
    expect(analytics.daily[0]!.liability).toBeLessThan(analytics.daily.at(-1)!.liability / 5);
    const held = await db.customer.aggregate({ where: { businessId }, _sum: { balance: true } });
    expect(analytics.liability.points).toBe(held._sum.balance);
  });

  it("leaves the append-only triggers on: even the tables' owner can't rewrite an entry", async () => {
    const owner = rawPool(ownerUrl());
    const { rows } = await owner.query<{ tgname: string; tgenabled: string }>(
      "SELECT tgname, tgenabled FROM pg_trigger WHERE tgname IN ('ledger_entries_append_only', 'lot_allocations_append_only', 'audit_logs_append_only', 'idempotency_keys_append_only')");
    expect(rows.map((r) => r.tgenabled)).toEqual(["O", "O", "O", "O"]);
    await expect(owner.query("UPDATE ledger_entries SET description = 'rewritten' WHERE business_id = $1", [businessId])).rejects.toThrow(/append-only/);
    await expect(owner.query("UPDATE audit_logs SET action = 'rewritten' WHERE business_id = $1", [businessId])).rejects.toThrow(/append-only/);
  });
});
