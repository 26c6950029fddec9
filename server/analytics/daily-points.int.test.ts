// The daily rollup must give the same figures as summing the ledger directly, for settled days
// (served from analytics_daily after the first call) and for today (live).
import { beforeAll, describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { awardPoints, redeemPoints } from "../ledger";
import type { Actor } from "../actors/actor";
import { defaultRange } from "./analytics-range";
import { dailyPointsSince, settledBefore } from "./daily-points";
import { getAnalytics } from "./get-analytics";

const DAY = 86_400_000;
let actor: Actor;
let customerId: string;

// Entries as a bulk import or a past day would have left them. The ledger only appends, so a
// raw INSERT with an old timestamp is the one way to have history in a fresh test database;
// the customer's cached balance is moved with it so liability stays consistent.
async function pastEntry(daysAgo: number, type: "AWARD" | "REDEEM", points: number) {
  const at = new Date(Date.now() - daysAgo * DAY);
  await db.$executeRaw`
    INSERT INTO ledger_entries (business_id, customer_id, type, points, balance_after, actor_type, source, created_at)
    VALUES (${actor.businessId}::uuid, ${customerId}::uuid, ${type}::"EntryType", ${points}, 0, 'SYSTEM', 'BULK', ${at})`;
  await db.customer.updateMany({ where: { id: customerId }, data: { balance: { increment: points } } });
}

beforeAll(async () => {
  ({ actor } = await makeBusiness());
  customerId = (await awardPoints(db, actor, { customerEmail: "r@test.dev", amount: 40 })).transaction.customerId;
  await pastEntry(3, "AWARD", 500);
  await pastEntry(3, "REDEEM", -200);
  await pastEntry(10, "AWARD", 70);
  await redeemPoints(db, actor, { customerId, amount: 15 });
});

describe("daily points rollup", () => {
  it("fills settled days once and matches the ledger", async () => {
    const from = new Date(Date.parse(`${defaultRange(new Date(), 14).from}T00:00:00Z`));
    const first = await dailyPointsSince(db, actor.businessId, from);
    const rows = await db.analyticsDaily.findMany({ where: { businessId: actor.businessId } });
    // One row per settled day of the span, zeros included, so nothing is recomputed.
    const settledDays = Math.round((settledBefore().getTime() - from.getTime()) / DAY);
    expect(rows).toHaveLength(settledDays);
    const threeDaysAgo = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    expect(first.get(threeDaysAgo)).toEqual({ day: threeDaysAgo, earned: 500, redeemed: 200, expired: 0, net: 300 });

    const again = await dailyPointsSince(db, actor.businessId, from);
    expect([...again.entries()]).toEqual([...first.entries()]);
    const ledger = await db.ledgerEntry.aggregate({ where: { businessId: actor.businessId, createdAt: { gte: from } }, _sum: { points: true } });
    expect([...again.values()].reduce((s, d) => s + d.net, 0)).toBe(ledger._sum.points);
  });

  it("feeds analytics: totals and the liability trend agree with the ledger", async () => {
    const result = await getAnalytics(db, actor, defaultRange(new Date(), 14));
    expect(result.totals).toEqual({ earned: 40 + 500 + 70, redeemed: 200 + 15, expired: 0 });
    expect(result.liability.points).toBe(40 + 500 - 200 + 70 - 15);
    const day = (ago: number) => result.daily.find((d) => d.day === new Date(Date.now() - ago * DAY).toISOString().slice(0, 10))!;
    expect(day(11).liability).toBe(0);
    expect(day(10).liability).toBe(70);
    expect(day(3).liability).toBe(370);
    expect(day(0).liability).toBe(395);
  });

  it("a range ending in the past starts from the liability at its end", async () => {
    const result = await getAnalytics(db, actor, defaultRange(new Date(Date.now() - 5 * DAY), 7));
    expect(result.totals.earned).toBe(70);
    expect(result.daily.at(-1)?.liability).toBe(70);
  });
});
