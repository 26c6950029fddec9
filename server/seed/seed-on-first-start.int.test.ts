import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { ownerUrl } from "../../test/test-database";
import { seedOnFirstStart, shouldSeedDemo } from "./seed-on-first-start";

describe("seeding on first start", () => {
  it("seeds only an empty embedded database, never one from DATABASE_URL", () => {
    expect(shouldSeedDemo({ embedded: true, businessCount: 0 })).toBe(true);
    expect(shouldSeedDemo({ embedded: true, businessCount: 1 })).toBe(false);
    expect(shouldSeedDemo({ embedded: false, businessCount: 0 })).toBe(false);
  });

  it("leaves a configured database empty: no business, no user", async () => {
    expect(await seedOnFirstStart(db, { embedded: false, migrationUrl: ownerUrl() })).toBeNull();
    expect(await db.business.count()).toBe(0);
    expect(await db.user.count()).toBe(0);
  });
});
