// The embedded database sets up least privilege by itself: an owner role for migrations, an app
// role for everything else, scram-sha-256 passwords; and moves an install from before the roles
// (everything owned by the superuser, pg_hba "password") over on its next start.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrate } from "./migrate";
import { migrateDatabase } from "./migrate";
import { APP_DATABASE, createDatabaseIfMissing, openEmbeddedDatabase } from "./open-database";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "embedded-roles-"));
  chmodSync(dir, 0o755); // Postgres runs as the postgres user when we are root
  return dir;
}

const superuserUrl = (dir: string, url: string) => {
  const next = new URL(url);
  next.username = "postgres";
  next.password = readFileSync(path.join(dir, "pg-password"), "utf8").trim();
  return next.toString();
};

// Everything in schema public, and the database itself, with its owner (extensions' members aside).
const OWNERS = `
  SELECT 'database' AS kind, datname AS name, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()
  UNION ALL SELECT 'schema', nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'
  UNION ALL SELECT 'relation', relname, pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'S', 'v', 'm')
  UNION ALL SELECT 'function', proname, pg_get_userbyid(proowner) FROM pg_proc p WHERE pronamespace = 'public'::regnamespace
    -- An extension's own functions (pg_trgm's) belong to whoever the extension says.
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL SELECT 'type', typname, pg_get_userbyid(typowner) FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'`;

async function expectLeastPrivilege(dir: string, database: { url: string; migrationUrl: string }) {
  const admin = superuserUrl(dir, database.url);
  const roles = await query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; scram: boolean }>(
    admin,
    `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolpassword LIKE 'SCRAM-SHA-256$%' AS scram
       FROM pg_authid WHERE rolname IN ('loyalty_owner', 'loyalty_app', 'postgres') ORDER BY rolname`,
  );
  expect(roles).toEqual([
    { rolname: "loyalty_app", rolsuper: false, rolcreaterole: false, rolcreatedb: false, scram: true },
    { rolname: "loyalty_owner", rolsuper: false, rolcreaterole: false, rolcreatedb: false, scram: true },
    { rolname: "postgres", rolsuper: true, rolcreaterole: true, rolcreatedb: true, scram: true },
  ]);
  expect(new URL(database.url).username).toBe("loyalty_app");
  expect(new URL(database.migrationUrl).username).toBe("loyalty_owner");
  const owners = await query<{ kind: string; name: string; owner: string }>(admin, OWNERS);
  expect(owners.length).toBeGreaterThan(20);
  expect(owners.filter((o) => o.owner !== "loyalty_owner")).toEqual([]);
  const methods = await query<{ auth_method: string }>(admin, "SELECT DISTINCT auth_method FROM pg_hba_file_rules");
  expect(methods).toEqual([{ auth_method: "scram-sha-256" }]);
  // The app role works for rows and can't switch the ledger's triggers off.
  expect(await query(database.url, "SELECT count(*) FROM businesses")).toHaveLength(1);
  await expect(query(database.url, "ALTER TABLE ledger_entries DISABLE TRIGGER ALL")).rejects.toMatchObject({ code: "42501" });
}

describe("embedded PostgreSQL roles", () => {
  it("creates an owner and an app role on first start; migrations run as the owner and grant the app its rows", async () => {
    const dir = tempDir();
    const database = await openEmbeddedDatabase({ dir, port: 0, ephemeral: true });
    try {
      await migrateDatabase(database);
      await expectLeastPrivilege(dir, database);
      expect(readFileSync(path.join(dir, "pg", "pg_hba.conf"), "utf8")).not.toMatch(/^\s*(local|host)\S*\s.*\s(password|md5|trust)\s*$/m);
    } finally {
      await database.stop();
    }
  }, 120_000);

  it("moves an install from before the roles (all owned by postgres, pg_hba password) over on its next start", async () => {
    const dir = tempDir();
    // The previous release: the superuser owns the database and everything in it.
    const old = await startEmbeddedPostgres({ dir, port: 0, ephemeral: true });
    await createDatabaseIfMissing(old.url("postgres"), APP_DATABASE);
    await migrate(old.url(APP_DATABASE));
    await query(old.url(APP_DATABASE), "INSERT INTO businesses (id, name, slug) VALUES (gen_random_uuid(), 'Old', 'old')");
    const hba = path.join(dir, "pg", "pg_hba.conf");
    writeFileSync(hba, readFileSync(hba, "utf8").replaceAll("scram-sha-256", "password"));
    await query(old.url("postgres"), "SELECT pg_reload_conf()");
    expect(await query(old.url(APP_DATABASE), "SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'ledger_entries'")).toEqual([
      { owner: "postgres" },
    ]);
    await old.stop();

    const database = await openEmbeddedDatabase({ dir, port: 0, ephemeral: true });
    try {
      await migrateDatabase(database);
      await expectLeastPrivilege(dir, database);
      expect(await query(database.url, "SELECT slug FROM businesses")).toEqual([{ slug: "old" }]);
    } finally {
      await database.stop();
    }
  }, 120_000);
});
