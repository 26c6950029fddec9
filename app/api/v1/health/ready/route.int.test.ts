// Readiness: 503 naming the pending migration while one isn't applied, 200 once all are (then
// cached), and 503 again whenever the database is unreachable.
import { freePort } from "@/server/db/embedded-postgres";
import { describe, expect, it } from "vitest";
import { createDb, db } from "@/server/db/client";
import { call } from "@/test/api";
import { ownerUrl, rawPool } from "@/test/test-database";
import { GET } from "./route";

const owner = rawPool(ownerUrl());

describe("GET /api/v1/health/ready", () => {
  it("answers 503 naming a migration that isn't applied, 200 once it is, and 503 while the database is unreachable", async () => {
    const { rows } = await owner.query<{ name: string }>(`SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`);
    const last = rows[0]!.name;
    // What a database one migration behind looks like (an instance started before `db migrate`).
    await owner.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [last]);
    const behind = await call("GET", GET);
    expect(behind.status).toBe(503);
    expect(behind.headers.get("retry-after")).toBeTruthy();
    expect(behind.json).toMatchObject({ success: false, code: "SERVICE_UNAVAILABLE", error: expect.stringContaining(`1 migration(s) not applied yet: ${last}.`) });

    await owner.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, [last]);
    const ready = await call("GET", GET);
    expect(ready.status).toBe(200);
    const { rows: applied } = await owner.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
    expect(ready.json).toMatchObject({ success: true, data: { status: "ready", migrations: applied[0].n } });

    const global = globalThis as unknown as { __loyaltyDb?: typeof db };
    const live = global.__loyaltyDb;
    const url = new URL(process.env.DATABASE_URL!);
    url.host = `127.0.0.1:${await freePort()}`;
    url.search = "";
    global.__loyaltyDb = createDb(url.toString(), 2);
    try {
      const down = await call("GET", GET);
      expect(down.status).toBe(503);
      expect(down.json).toMatchObject({ code: "SERVICE_UNAVAILABLE", error: expect.stringMatching(/unreachable/) });
    } finally {
      await global.__loyaltyDb.$disconnect();
      global.__loyaltyDb = live;
    }
  });
});
