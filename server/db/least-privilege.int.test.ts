// The app's role (DATABASE_URL in tests, as in production) can read and write rows and nothing
// more: it can't switch off the ledger's append-only triggers, by either route Postgres offers,
// nor change the schema. Migrations' owner role can, which is why the app never uses it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { adminUrl, ownerUrl } from "../../test/test-database";
import { createCustomer } from "../customers/create-customer";
import { awardPoints } from "../ledger";
import { createDb, db } from "./client";
import { roleOf } from "./database-roles";
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
      expect(await refusal(client.query("UPDATE ledger_entries SET points = 500 WHERE id = $1", [transaction.id]))).toMatch(/^42501: permission denied/);
      expect(await refusal(client.query("DELETE FROM ledger_entries WHERE id = $1", [transaction.id]))).toMatch(/^42501: permission denied/);
      expect(await refusal(client.query("TRUNCATE ledger_entries CASCADE"))).toMatch(/^42501: permission denied/);
      expect(await refusal(client.query("DROP TABLE ledger_entries CASCADE"))).toMatch(/^42501: must be owner/);
      expect(await refusal(client.query("CREATE FUNCTION public.ll_sneak() RETURNS int LANGUAGE sql AS 'SELECT 1'"))).toMatch(/^42501: permission denied/);
      expect(await refusal(client.query("CREATE OR REPLACE FUNCTION ledger_write(jsonb) RETURNS jsonb LANGUAGE sql AS 'SELECT NULL::jsonb'"))).toMatch(/^42501: /);
      expect(await refusal(client.query(`DELETE FROM "_prisma_migrations"`))).toMatch(/^42501: permission denied/);
    });
    const [entry] = await db.$queryRaw<{ points: number }[]>`SELECT points FROM ledger_entries WHERE id = ${transaction.id}::uuid`;
    expect(entry?.points).toBe(5);
  });

  it("may only read and add rows of the append-only tables", async () => {
    const rows = await db.$queryRawUnsafe<{ table: string; privilege: string; granted: boolean }[]>(`
      SELECT t AS table, p AS privilege, has_table_privilege(current_user, t, p) AS granted
        FROM unnest(ARRAY['ledger_entries', 'lot_allocations', 'audit_logs', 'idempotency_keys']) t,
             unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p`);
    expect(rows.filter((r) => r.granted).map((r) => `${r.table} ${r.privilege}`).sort()).toEqual(
      ["audit_logs", "idempotency_keys", "ledger_entries", "lot_allocations"].flatMap((t) => [`${t} INSERT`, `${t} SELECT`]),
    );
    // Customers it does update: only the erasure function may set erased_at (erasure-one-way.int.test.ts).
    const [customers] = await db.$queryRaw<{ granted: boolean }[]>`SELECT has_table_privilege(current_user, 'customers', 'UPDATE') AS granted`;
    expect(customers?.granted).toBe(true);
  });

  it("alone, with the owner, may EXECUTE the schema's functions: not another login role of the server", async () => {
    const { actor } = await makeBusiness();
    const { customer } = await createCustomer(db, actor, { email: "stranger@example.com", name: "Stranger Target" });
    const stranger = `loyalty_test_stranger_${randomBytes(4).toString("hex")}`;
    const fns = `SELECT p.oid::regprocedure::text AS fn FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                    AND NOT has_function_privilege(current_user, p.oid, 'EXECUTE') ORDER BY 1`;
    await asRole(adminUrl(), async (client) => {
      await client.query(`CREATE ROLE ${stranger} LOGIN NOSUPERUSER`);
      try {
        await client.query(`SET ROLE ${stranger}`);
        expect(await refusal(client.query("SELECT ll_erase_customer_data($1, $2)", [actor.businessId, customer.id]))).toMatch(/^42501: permission denied for function/);
        expect((await client.query<{ fn: string }>(fns)).rows.map((r) => r.fn)).toEqual(
          expect.arrayContaining(["ll_erase_customer_data(uuid,uuid)", "ledger_write(jsonb)", "ll_erasure_allows(text,jsonb,jsonb)"]),
        );
        await client.query("RESET ROLE");
      } finally {
        await client.query(`DROP ROLE ${stranger}`);
      }
    });
    await asRole(process.env.DATABASE_URL!, async (client) => expect((await client.query(fns)).rows).toEqual([]));
    const [row] = await db.$queryRaw<{ erased: Date | null }[]>`SELECT erased_at AS erased FROM customers WHERE id = ${customer.id}::uuid`;
    expect(row?.erased).toBeNull();
  });

  it("works the job queue's rows but can't change its schema; another login role can neither queue nor read jobs", async () => {
    await asRole(process.env.DATABASE_URL!, async (client) => {
      await client.query("SELECT graphile_worker.add_job('webhook_deliver', '{}'::json, run_at => now() + interval '1 day')");
      expect(await refusal(client.query("CREATE TABLE graphile_worker.mine (id int)"))).toMatch(/^42501/);
      expect(await refusal(client.query("ALTER TABLE graphile_worker._private_jobs DISABLE ROW LEVEL SECURITY"))).toMatch(/^42501/);
    });
    const stranger = `loyalty_test_stranger_${randomBytes(4).toString("hex")}`;
    await asRole(adminUrl(), async (client) => {
      await client.query(`CREATE ROLE ${stranger} LOGIN NOSUPERUSER`);
      try {
        await client.query(`SET ROLE ${stranger}`);
        expect(await refusal(client.query("SELECT graphile_worker.add_job('webhook_deliver', '{}'::json)"))).toMatch(/^42501/);
        expect(await refusal(client.query("SELECT count(*) FROM graphile_worker._private_jobs"))).toMatch(/^42501/);
        await client.query("RESET ROLE");
      } finally {
        await client.query(`DROP ROLE ${stranger}`);
      }
    });
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

  it("a migration run with nothing to do takes no lock on the job queue's tables (its grants did: a seed migrating while the worker ran deadlocked)", async () => {
    await asRole(ownerUrl(), async (holder) => {
      await holder.query("BEGIN");
      await holder.query("LOCK TABLE graphile_worker._private_jobs IN ROW EXCLUSIVE MODE");
      let done = false;
      const run = migrate(ownerUrl(), { grantTo: roleOf(process.env.DATABASE_URL!) }).finally(() => (done = true));
      let blocked = false;
      // Until the run ends, or waits on the lock held here (then released, so it ends too).
      while (!done && !blocked) {
        const { rows } = await holder.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'graphile_worker._private_jobs'::regclass");
        blocked = rows[0]!.n > 0;
        if (!blocked) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await holder.query("COMMIT");
      expect((await run).applied).toEqual([]);
      expect(blocked).toBe(false);
    });
  });
});
