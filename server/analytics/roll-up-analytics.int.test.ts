// The nightly rollup fills every settled day since the business began (at most the longest
// range analytics shows), so an owner's first look reads stored rows; a second run adds nothing.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { settledBefore } from "./daily-points";
import { rollUpAnalytics } from "./roll-up-analytics";

const DAY = 86_400_000;

describe("rollUpAnalytics", () => {
  it("fills each settled day since the business was created, once", async () => {
    const { business } = await makeBusiness();
    const now = new Date();
    await db.business.update({ where: { id: business.id }, data: { createdAt: new Date(now.getTime() - 10 * DAY) } });
    const created = new Date(now.getTime() - 10 * DAY);
    const firstDay = Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate());
    const expectedDays = (settledBefore(now).getTime() - firstDay) / DAY;

    const run = await rollUpAnalytics(db, { now });
    expect(run.businesses).toBeGreaterThanOrEqual(1);
    const rows = await db.analyticsDaily.findMany({ where: { businessId: business.id }, orderBy: { day: "asc" } });
    expect(rows).toHaveLength(expectedDays);
    expect(rows[0]!.day.getTime()).toBe(firstDay);
    expect(rows.every((r) => Number(r.earned) === 0 && Number(r.net) === 0)).toBe(true);

    await rollUpAnalytics(db, { now });
    expect(await db.analyticsDaily.count({ where: { businessId: business.id } })).toBe(expectedDays);
  });
});
