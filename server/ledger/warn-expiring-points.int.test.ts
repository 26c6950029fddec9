// points.expiring_soon: once per open lot, the business's expiringSoonDays before it expires;
// never for spent, already expired or never-expiring points; never twice, however many workers.
import { describe, expect, it } from "vitest";
import { databaseTimeIn, makeBusiness } from "../../test/fixtures";
import { rawPool } from "../../test/test-database";
import { db } from "../db/client";
import { outboxEvents } from "../outbox/outbox-events";
import { getProgramSettings, updateProgramSettings } from "../program/program-settings";
import { awardPoints, redeemPoints, warnExpiringPoints } from ".";

const DAY = 86_400;
const pool = rawPool();

async function warnings(businessId: string) {
  const rows = await db.outboxEvent.findMany({ where: { businessId, type: "points.expiring_soon" }, orderBy: { id: "asc" } });
  return rows.map((r) => r.payload as { customer: { id: string; balance: number }; lot: { id: string; entryId: string; points: number; expiresAt: string }; balance: number });
}

describe("warning of points about to expire", () => {
  // First in the file, so the table's pages have room for the new row versions: HOT needs that
  // as well as no index naming the column.
  it("keeps the ledger's updates of a lot's remaining points HOT, next to the index of lots still to warn", async () => {
    const { actor } = await makeBusiness();
    await awardPoints(db, actor, { customerEmail: "hot@test.dev", amount: 10, expiresAt: await databaseTimeIn(DAY) });
    await awardPoints(db, actor, { customerEmail: "hot@test.dev", amount: 20, expiresAt: await databaseTimeIn(2 * DAY) });
    const client = await pool.connect();
    // Counters of this session's pending statistics: compared before and after each step.
    const counts = async () => {
      const { rows } = await client.query<{ updated: string; hot: string }>(
        `SELECT pg_stat_get_xact_tuples_updated('point_lots'::regclass) AS updated, pg_stat_get_xact_tuples_hot_updated('point_lots'::regclass) AS hot`,
      );
      return { updated: Number(rows[0]!.updated), hot: Number(rows[0]!.hot) };
    };
    const moved = async (step: () => Promise<unknown>) => {
      const before = await counts();
      await step();
      const after = await counts();
      return { updated: after.updated - before.updated, hot: after.hot - before.hot };
    };
    try {
      await client.query("BEGIN");
      // What a redemption does to a lot: remaining moves, nothing indexed does.
      expect(await moved(() => client.query("UPDATE point_lots SET remaining = remaining - 1 WHERE business_id = $1 AND points = 20", [actor.businessId]))).toEqual({ updated: 1, hot: 1 });
      // The warning takes each lot out of the index of lots to warn: once per lot, not HOT.
      let warned = 0;
      expect(await moved(async () => (warned = (await client.query<{ n: number }>("SELECT ll_warn_expiring_lots($1, now(), 100) AS n", [actor.businessId])).rows[0]!.n))).toEqual({ updated: 2, hot: 0 });
      expect(warned).toBe(2);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });

  it("warns each open lot once, inside the window, with what is left of it and the balance", async () => {
    const { actor } = await makeBusiness();
    const businessId = actor.businessId;
    const soon = await awardPoints(db, actor, { customerEmail: "a@test.dev", amount: 100, expiresAt: await databaseTimeIn(3 * DAY) });
    const a = soon.transaction.customerId;
    await redeemPoints(db, actor, { customerId: a, amount: 30 }); // from the soonest lot: 70 left
    const later = await awardPoints(db, actor, { customerId: a, amount: 50, expiresAt: await databaseTimeIn(10 * DAY) });
    await awardPoints(db, actor, { customerId: a, amount: 5 }); // never expires
    const skipped = await awardPoints(db, actor, { customerEmail: "b@test.dev", amount: 40, expiresAt: await databaseTimeIn(8 * DAY) });
    const spent = await awardPoints(db, actor, { customerEmail: "c@test.dev", amount: 20, expiresAt: await databaseTimeIn(2 * DAY) });
    await redeemPoints(db, actor, { customerId: spent.transaction.customerId, amount: 20 });

    expect(await warnExpiringPoints(db, { businessId })).toEqual({ lots: 1 });
    expect(await warnExpiringPoints(db, { businessId })).toEqual({ lots: 0 });
    const [first] = await warnings(businessId);
    expect(outboxEvents["points.expiring_soon"].safeParse(first).error?.issues ?? []).toEqual([]);
    expect(first).toMatchObject({ customer: { id: a, balance: 125 }, lot: { entryId: soon.transaction.id, points: 70, expiresAt: soon.transaction.expiresAt!.toISOString() }, balance: 125 });
    const lot = await db.pointLot.findFirstOrThrow({ where: { businessId, entryId: soon.transaction.id } });
    expect([lot.id, lot.expiryWarnedAt]).toEqual([first!.lot.id, expect.any(Date)]);

    // Nine days on: the 10-day lot is inside the window; the 8-day one has expired unwarned (too late).
    const nineDaysOn = await databaseTimeIn(9 * DAY);
    expect(await warnExpiringPoints(db, { businessId, now: nineDaysOn })).toEqual({ lots: 1 });
    expect((await warnings(businessId)).map((w) => w.lot.entryId)).toEqual([soon.transaction.id, later.transaction.id]);
    expect(await db.pointLot.findFirstOrThrow({ where: { businessId, entryId: skipped.transaction.id } })).toMatchObject({ expiryWarnedAt: null });
  });

  it("doesn't warn about pending points before they can be spent, and warns once they can", async () => {
    const { actor } = await makeBusiness();
    const businessId = actor.businessId;
    const pending = await awardPoints(db, actor, {
      customerEmail: "p@test.dev", amount: 60, availableAt: await databaseTimeIn(2 * DAY), expiresAt: await databaseTimeIn(5 * DAY),
    });
    expect(await warnExpiringPoints(db, { businessId })).toEqual({ lots: 0 });
    expect(await warnExpiringPoints(db, { businessId, now: await databaseTimeIn(3 * DAY) })).toEqual({ lots: 1 });
    expect((await warnings(businessId)).map((w) => w.lot.entryId)).toEqual([pending.transaction.id]);
  });

  it("follows the business's expiringSoonDays setting, audited like the other settings", async () => {
    const { actor } = await makeBusiness();
    const businessId = actor.businessId;
    await awardPoints(db, actor, { customerEmail: "d@test.dev", amount: 10, expiresAt: await databaseTimeIn(20 * DAY) });
    const settings = await getProgramSettings(db, actor);
    expect(settings.expiringSoonDays).toBe(7);
    expect(await warnExpiringPoints(db, { businessId })).toEqual({ lots: 0 });

    const { expiringSoonDays: _omitted, ...olderCaller } = settings;
    await updateProgramSettings(db, actor, { ...olderCaller, earnRate: 2 }); // leaves it as it is
    await updateProgramSettings(db, actor, { ...settings, earnRate: 2, expiringSoonDays: 30 });
    expect(await getProgramSettings(db, actor)).toMatchObject({ earnRate: 2, expiringSoonDays: 30 });
    const audits = await db.auditLog.findMany({ where: { businessId, action: "settings.updated" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.details)).toEqual([{ earnRate: { from: 1, to: 2 } }, { expiringSoonDays: { from: 7, to: 30 } }]);
    for (const days of [0, 366, 1.5]) await expect(updateProgramSettings(db, actor, { ...settings, expiringSoonDays: days })).rejects.toThrow();

    expect(await warnExpiringPoints(db, { businessId })).toEqual({ lots: 1 });
  });

  it("warns a backlog in bounded batches, each lot once even with two workers at once", async () => {
    const { actor } = await makeBusiness();
    const businessId = actor.businessId;
    const expiresAt = await databaseTimeIn(DAY);
    for (let i = 0; i < 23; i++) await awardPoints(db, actor, { customerEmail: `bulk-${i % 5}@test.dev`, amount: 1 + i, expiresAt });

    const runs = await Promise.all([warnExpiringPoints(db, { businessId, batchSize: 4 }), warnExpiringPoints(db, { businessId, batchSize: 4 })]);
    expect(runs[0]!.lots + runs[1]!.lots).toBe(23);
    const lots = (await warnings(businessId)).map((w) => w.lot.id);
    expect(new Set(lots).size).toBe(23);
    expect(lots).toHaveLength(23);
  });
});
