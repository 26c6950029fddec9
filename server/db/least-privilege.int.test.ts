// The app's role (DATABASE_URL in tests, as in production) can read and write rows and nothing
// more: it can't switch off the ledger's append-only triggers, by either route Postgres offers,
// nor change the schema. Migrations' owner role can, which is why the app never uses it.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { adminUrl, ownerUrl } from "../../test/test-database";
import { awardPoints } from "../ledger";
import { createDb, db } from "./client";
import { migrate } from "./migrate";
import { connectionPrivileges, privilegeWarning } from "./warn-if-privileged";

async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const refusal = (promise: Promise<unknown>) => promise.then(() => "allowed", (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`);

describe("the app's database role", () => {
  it("is not a superuser and owns nothing, so the app starts without a warning", async () => {
    const privileges = await connectionPrivileges(db);
    expect(privileges).toMatchObject({ superuser: false, ownsTables: false });
    expect(privilegeWarning(privileges)).toBeUndefined();
    const [role] = await db.$queryRaw<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }[]>`
      SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user`;
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false });
  });

  it("can't disable the ledger's triggers, so an UPDATE of an entry is still refused", async () => {
    const { actor } = await makeBusiness();
    const { transaction } = await awardPoints(db, actor, { customerEmail: "lp@example.com", amount: 5 });
    await asRole(process.env.DATABASE_URL!, async (client) => {
      expect(await refusal(client.query("ALTER TABLE ledger_entries DISABLE TRIGGER ALL"))).toMatch(/^42501: must be owner/);
      expect(await refusal(client.query("SET session_replication_role = replica"))).toMatch(/^42501: permission denied/);
      expect(await refusal(client.query("UPDATE ledger_entries SET points = 500 WHERE id = $1", [transaction.id]))).toMatch(/append-only/);
      expect(await refusal(client.query("DELETE FROM ledger_entries WHERE id = $1", [transaction.id]))).toMatch(/append-only/);
      expect(await refusal(client.query("TRUNCATE ledger_entries CASCADE"))).toMatch(/^42501: permission denied/);
      expect(await refusal(client.query("DROP TABLE ledger_entries CASCADE"))).toMatch(/^42501: must be owner/);
      expect(await refusal(client.query("CREATE FUNCTION public.ll_sneak() RETURNS int LANGUAGE sql AS 'SELECT 1'"))).toMatch(/^42501: permission denied/);
      expect(await refusal(client.query("CREATE OR REPLACE FUNCTION ledger_write(jsonb) RETURNS jsonb LANGUAGE sql AS 'SELECT NULL::jsonb'"))).toMatch(/^42501: /);
      expect(await refusal(client.query(`DELETE FROM "_prisma_migrations"`))).toMatch(/^42501: permission denied/);
    });
    const [entry] = await db.$queryRaw<{ points: number }[]>`SELECT points FROM ledger_entries WHERE id = ${transaction.id}::uuid`;
    expect(entry?.points).toBe(5);
  });

  it("gets row privileges on tables a later migration creates (default privileges)", async () => {
    await asRole(ownerUrl(), (client) => client.query("CREATE TABLE later_table (id int PRIMARY KEY); CREATE SEQUENCE later_seq"));
    await asRole(process.env.DATABASE_URL!, async (client) => {
      await client.query("INSERT INTO later_table VALUES (1)");
      expect((await client.query("SELECT nextval('later_seq') AS n")).rows[0]?.n).toBe("1");
      expect(await refusal(client.query("TRUNCATE later_table"))).toMatch(/^42501/);
    });
    await asRole(ownerUrl(), (client) => client.query("DROP TABLE later_table; DROP SEQUENCE later_seq"));
  });

  it("can't migrate, and says which setting is missing", async () => {
    await expect(migrate(process.env.DATABASE_URL!)).rejects.toThrow(/set MIGRATION_DATABASE_URL to the owner role/);
  });

  it("warns when the app connects as the tables' owner or as a superuser", async () => {
    for (const [url, expected] of [
      [ownerUrl(), /the owner of the tables/],
      [adminUrl(), /a superuser/],
    ] as const) {
      const privileged = createDb(url, 1);
      try {
        expect(privilegeWarning(await connectionPrivileges(privileged))).toMatch(expected);
        expect(privilegeWarning(await connectionPrivileges(privileged))).toMatch(/MIGRATION_DATABASE_URL/);
      } finally {
        await privileged.$disconnect();
      }
    }
  });
});
