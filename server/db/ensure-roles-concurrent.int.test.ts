// Several processes starting at once (e2e workers seeding, a CLI next to `npm start`) each make
// sure the embedded roles exist with their passwords: they must not trip over one another
// ("tuple concurrently updated" from two ALTER ROLEs of one role).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { adminUrl } from "../../test/test-database";
import { ensureRoles } from "./database-roles";

describe("ensureRoles", () => {
  it("can run in many processes at once", async () => {
    const suffix = randomBytes(4).toString("hex");
    const owner = { name: `loyalty_race_owner_${suffix}`, password: randomBytes(12).toString("hex") };
    const app = { name: `loyalty_race_app_${suffix}`, password: randomBytes(12).toString("hex") };
    try {
      const runs = await Promise.allSettled(Array.from({ length: 12 }, () => ensureRoles(adminUrl(), owner, app)));
      expect(runs.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    } finally {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP ROLE IF EXISTS ${owner.name}, ${app.name}`);
      await client.end();
    }
  });
});
