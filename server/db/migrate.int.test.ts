import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { emptyDatabase } from "../../test/test-database";
import { migrate, readMigrations } from "./migrate";

const admin = inject("adminDatabaseUrl");

function fixtureDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const [name, sql] of [
    ["20260101000000_one", "CREATE TABLE one (id int PRIMARY KEY);"],
    ["20260102000000_two", "CREATE TABLE two (id int PRIMARY KEY REFERENCES one(id));"],
  ] as const) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const freshDb = () => emptyDatabase(admin, `mig_${randomBytes(5).toString("hex")}`);

describe("migration runner", () => {
  it("applies migrations in order and records them like Prisma", async () => {
    const url = await freshDb();
    const dir = fixtureDir();
    const result = await migrate(url, { dir, repeatableRoot: null });
    expect(result.applied).toEqual(["20260101000000_one", "20260102000000_two"]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at, migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    expect(rows[0]?.checksum).toBe(readMigrations(dir)[0]?.checksum);
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
  });

  it("is idempotent: a second run applies nothing", async () => {
    const url = await freshDb();
    const dir = fixtureDir();
    await migrate(url, { dir, repeatableRoot: null });
    const again = await migrate(url, { dir, repeatableRoot: null });
    expect(again).toEqual({ applied: [], alreadyApplied: 2, repeatables: [] });
    expect(await query(url, "SELECT * FROM _prisma_migrations")).toHaveLength(2);
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = await freshDb();
    const dir = fixtureDir();
    await migrate(url, { dir, repeatableRoot: null });
    writeFileSync(path.join(dir, "20260101000000_one", "migration.sql"), "CREATE TABLE one (id bigint PRIMARY KEY);");
    await expect(migrate(url, { dir, repeatableRoot: null })).rejects.toThrow(/20260101000000_one was edited/);
  });

  it("rolls back a failing run whole: no table, no record, not even of the migrations before it", async () => {
    const url = await freshDb();
    const dir = fixtureDir();
    mkdirSync(path.join(dir, "20260103000000_bad"));
    writeFileSync(path.join(dir, "20260103000000_bad", "migration.sql"), "CREATE TABLE three (id int); SELECT * FROM missing_table;");
    await expect(migrate(url, { dir, repeatableRoot: null })).rejects.toThrow(/20260103000000_bad failed/);
    const tables = await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations"]);
    expect(await query(url, "SELECT * FROM _prisma_migrations")).toHaveLength(0);
  });

  it("lets only one of two concurrent runners apply each migration", async () => {
    const url = await freshDb();
    const dir = fixtureDir();
    const [a, b] = await Promise.all([migrate(url, { dir, repeatableRoot: null }), migrate(url, { dir, repeatableRoot: null })]);
    expect([...a.applied, ...b.applied].sort()).toEqual(["20260101000000_one", "20260102000000_two"]);
    expect(await query(url, "SELECT * FROM _prisma_migrations")).toHaveLength(2);
  });

  it("applies the project's real migrations, and the schema has none pending", async () => {
    const url = await freshDb();
    const result = await migrate(url);
    expect(result.applied.length).toBeGreaterThanOrEqual(2);
    const snapshot = readFileSync("prisma/migrations/schema-snapshot.prisma", "utf8");
    // A schema change without `npm run db:new-migration` would ship a model with no table.
    expect(readFileSync("prisma/schema.prisma", "utf8")).toBe(snapshot);
  });

  it("applies repeatable SQL files after the migrations, again when one changed or a migration ran, not otherwise", async () => {
    const url = await freshDb();
    const dir = fixtureDir();
    const root = mkdtempSync(path.join(os.tmpdir(), "repeatable-"));
    mkdirSync(path.join(root, "things", "sql"), { recursive: true });
    const file = path.join(root, "things", "sql", "count-one.sql");
    writeFileSync(file, "CREATE OR REPLACE FUNCTION count_one(skip one DEFAULT NULL) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM one $$;");
    // Lives next to code, not in a `sql` folder: not a repeatable.
    writeFileSync(path.join(root, "things", "notes.sql"), "SELECT broken syntax here");

    const first = await migrate(url, { dir, repeatableRoot: root });
    expect(first).toMatchObject({ applied: ["20260101000000_one", "20260102000000_two"], repeatables: ["things/sql/count-one.sql"] });
    expect(await query(url, "SELECT count_one() AS n")).toEqual([{ n: "0" }]);
    expect((await migrate(url, { dir, repeatableRoot: root })).repeatables).toEqual([]);

    writeFileSync(file, "CREATE OR REPLACE FUNCTION count_one(skip one DEFAULT NULL) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) + 1 FROM one $$;");
    expect((await migrate(url, { dir, repeatableRoot: root })).repeatables).toEqual(["things/sql/count-one.sql"]);
    expect(await query(url, "SELECT count_one() AS n")).toEqual([{ n: "1" }]);

    // A migration that drops the table takes the function with it (it takes a row of it); the
    // run applies every file again, changed or not, so the function is back.
    mkdirSync(path.join(dir, "20260105000000_rebuild"));
    writeFileSync(path.join(dir, "20260105000000_rebuild", "migration.sql"), "DROP TABLE one CASCADE; CREATE TABLE one (id int PRIMARY KEY);");
    expect((await migrate(url, { dir, repeatableRoot: root })).repeatables).toEqual(["things/sql/count-one.sql"]);
    expect(await query(url, "SELECT count_one() AS n")).toEqual([{ n: "1" }]);
    const [record] = await query<{ checksum: string }>(url, "SELECT checksum FROM _repeatable_sql");
    expect(record?.checksum).toMatch(/^[0-9a-f]{64}$/);

    // A broken file fails the whole run, and the previous version stays in force.
    writeFileSync(file, "CREATE OR REPLACE FUNCTION count_one(skip one DEFAULT NULL) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM nowhere $$;");
    await expect(migrate(url, { dir, repeatableRoot: root })).rejects.toThrow(/things\/sql\/count-one.sql failed/);
    expect(await query(url, "SELECT count_one() AS n")).toEqual([{ n: "1" }]);
  });
});

describe("upgrading a database with history", () => {
  it("keeps a key used before the upgrade replaying, and the balances it had", async () => {
    const url = await freshDb();
    // The database as the previous release left it: its migrations and the functions they made.
    const before = mkdtempSync(path.join(os.tmpdir(), "old-migrations-"));
    for (const m of readMigrations().filter((m) => m.name < "20261130")) {
      mkdirSync(path.join(before, m.name));
      writeFileSync(path.join(before, m.name, "migration.sql"), m.sql);
    }
    await migrate(url, { dir: before, repeatableRoot: null });
    const [business] = await query<{ id: string }>(url, "INSERT INTO businesses (name, slug) VALUES ('Old', 'old') RETURNING id");
    const request = (extra: object) =>
      JSON.stringify({ op: "award", businessId: business!.id, enrol: { email: "old@test.dev" }, points: 40, actorType: "API_KEY", source: "API", ...extra });
    const [old] = await query<{ result: { entry: { customer_id: string } } }>(
      url, `SELECT ledger_write('${request({ idempotencyKey: "order-1", requestHash: "h1" })}'::jsonb) AS result`);

    const upgrade = await migrate(url);
    expect(upgrade.applied).toContain("20261130004138_tenant_keys");
    const [replayed] = await query<{ result: { replay: boolean; balance: number; entry: { id: string } } }>(
      url, `SELECT ledger_write('${request({ idempotencyKey: "order-1", requestHash: "h1" })}'::jsonb) AS result`);
    expect(replayed!.result).toMatchObject({ replay: true, balance: 40, customerId: old!.result.entry.customer_id });
    const [counts] = await query<{ entries: string; balance: number }>(
      url, `SELECT (SELECT count(*) FROM ledger_entries) AS entries, (SELECT balance FROM customers) AS balance`);
    expect(counts).toEqual({ entries: "1", balance: 40 });
    // Its events predate delivery: kept until the retention prunes them, never sent (no event
    // id; the fan-out passes them by), and the upgrade rewrote none of them.
    const [events] = await query<{ all: string; without_id: string }>(
      url, `SELECT count(*) AS all, count(*) FILTER (WHERE event_id IS NULL) AS without_id FROM outbox_events`);
    expect(events).toEqual({ all: "2", without_id: "2" });
    expect(await query(url, "SELECT ll_fan_out_outbox(500) AS n")).toEqual([{ n: 0 }]);
  });
});
