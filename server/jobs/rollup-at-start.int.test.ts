// A worker rolls analytics up when it starts, not only at the nightly tick: the queue never makes
// up a tick it has not seen before, so a new install (or history restored before the first
// night) would otherwise leave the first owner to open analytics waiting on the aggregate.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { eventually } from "../../test/signed-receiver";
import { testWorker } from "../../test/webhook-worker";
import { db } from "../db/client";

const DAY = 86_400_000;

describe("a job worker starting", () => {
  it("fills the day rollup of a business's settled days that were never rolled up", async () => {
    const { business } = await makeBusiness();
    // A business ten days old whose days were never rolled up.
    await db.business.update({ where: { id: business.id }, data: { createdAt: new Date(Date.now() - 10 * DAY) } });
    expect(await db.analyticsDaily.count({ where: { businessId: business.id } })).toBe(0);

    await testWorker({ schedule: true });

    // Nine or ten settled days, depending on whether the last hour of yesterday has settled.
    const days = await eventually(async () => (await db.analyticsDaily.count({ where: { businessId: business.id } })) >= 9 && db.analyticsDaily.findMany({ where: { businessId: business.id }, orderBy: { day: "asc" } }), "the rollup to run");
    expect(days.length).toBeLessThanOrEqual(10);
    expect(days.every((d) => d.net === 0n && d.earned === 0n)).toBe(true);
  });
});
