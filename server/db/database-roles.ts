// Least privilege in the database. Two login roles: the owner (owns the database, its schema and
// every object; migrations run as it) and the app (rows only: SELECT/INSERT/UPDATE/DELETE, no
// TRUNCATE, only SELECT/INSERT on the append-only tables; owns nothing). The ledger's append-only
// triggers hold against the app because only an owner can ALTER TABLE ... DISABLE TRIGGER and
// only a superuser can SET session_replication_role. The embedded database and the test setup
// create both roles here; on your own server an operator runs the same statements (see the README).
import pg from "pg";

export type Role = { name: string; password: string };

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

// One connection, one transaction: `work` lands whole or not at all.
export async function inTransaction(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

// As a superuser: creates both roles, or brings existing ones back to these attributes and
// passwords (scram-sha-256 hashes). Safe to run on every start, and from several processes at
// once (e2e workers seeding, a CLI beside `npm start`): one at a time, under an advisory lock,
// since two ALTER ROLEs of one role at once fail with "tuple concurrently updated".
const ROLES_LOCK_KEY = 72707370;

export async function ensureRoles(adminUrl: string, owner: Role, app: Role): Promise<void> {
  await inTransaction(adminUrl, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [ROLES_LOCK_KEY]);
    await client.query("SET LOCAL password_encryption = 'scram-sha-256'");
    await ensureRole(client, owner, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
    await ensureRole(client, app, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
  });
}

async function ensureRole(client: pg.Client, role: Role, attributes: string): Promise<void> {
  const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role.name])).rowCount === 1;
  // The password as a literal: CREATE/ALTER ROLE take no bind parameters.
  const { rows } = await client.query<{ sql: string }>("SELECT format('%s ROLE %I WITH %s PASSWORD %L', $1::text, $2::text, $3::text, $4::text) AS sql", [
    exists ? "ALTER" : "CREATE",
    role.name,
    attributes,
    role.password,
  ]);
  await client.query("SAVEPOINT ensure_role");
  await client.query(rows[0]!.sql).catch(async (error: { code?: string }) => {
    if (error.code !== "42710") throw error; // created by a process that doesn't take the lock
    await client.query("ROLLBACK TO SAVEPOINT ensure_role");
  });
}

// As a superuser, connected to the app's database: hands the database, its public schema, the
// job queue's schema and every object in them to the owner. Moves an install made when everything belonged to
// `postgres`; a no-op once done.
export async function transferOwnership(adminDatabaseUrl: string, owner: string): Promise<void> {
  await inTransaction(adminDatabaseUrl, async (client) => {
    await client.query(`ALTER DATABASE ${quoteIdent(await currentDatabase(client))} OWNER TO ${quoteIdent(owner)}`);
    const { rows: schemas } = await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY($1::text[])", [OWNED_SCHEMAS]);
    for (const { name } of schemas) await client.query(`ALTER SCHEMA ${quoteIdent(name)} OWNER TO ${quoteIdent(owner)}`);
    // Tables first: a sequence owned by a column moves with its table.
    for (const step of OWNERSHIP_STEPS) {
      const { rows } = await client.query<{ sql: string }>(step, [owner, OWNED_SCHEMAS]);
      for (const row of rows) await client.query(row.sql);
    }
  });
}

async function currentDatabase(client: pg.Client): Promise<string> {
  return (await client.query<{ name: string }>("SELECT current_database() AS name")).rows[0]!.name;
}

// Ours, and the job queue's (server/jobs/install-job-queue.ts).
const OWNED_SCHEMAS = ["public", "graphile_worker"];

// Each yields the ALTER statements for objects in the schemas $2 not yet owned by $1.
const OWNERSHIP_STEPS = [
  `SELECT format('ALTER %s %s OWNER TO %I',
            CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
            c.oid::regclass, $1::text) AS sql
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY($2::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_get_userbyid(c.relowner) <> $1`,
  `SELECT format('ALTER SEQUENCE %s OWNER TO %I', c.oid::regclass, $1::text) AS sql
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY($2::text[]) AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> $1`,
  `SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1::text) AS sql
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = ANY($2::text[]) AND p.prokind IN ('f', 'p') AND pg_get_userbyid(p.proowner) <> $1`,
  // Enums, domains, and composite types of their own (not a table's row type).
  `SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype, $1::text) AS sql
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class r ON r.oid = t.typrelid
    WHERE n.nspname = ANY($2::text[]) AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c')) AND pg_get_userbyid(t.typowner) <> $1`,
];

// Run by the migration runner as the owner, inside its transaction: what the app role needs and
// nothing more, on what exists now and (default privileges) on what later migrations create.
// The runner's own bookkeeping stays read-only to the app.
export async function grantAppRole(client: pg.ClientBase, app: string): Promise<void> {
  const { rows } = await client.query<{ schema: string; me: string }>("SELECT current_schema() AS schema, current_user::text AS me");
  const { schema, me } = rows[0]!;
  if (app === me) return; // a single-role install: nothing to grant
  const s = quoteIdent(schema);
  const a = quoteIdent(app);
  // Before Postgres 15 every role could create objects in public.
  await client.query(`REVOKE CREATE ON SCHEMA ${s} FROM PUBLIC`);
  await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${a}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${a}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${a}`);
  await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${a}`);
  await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${a}`);
  await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${a}`);
  await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT EXECUTE ON FUNCTIONS TO ${a}`);
  for (const name of await tablesNamed(client, ["_prisma_migrations", "_repeatable_sql"])) await client.query(`REVOKE INSERT, UPDATE, DELETE ON ${name} FROM ${a}`);
  // The append-only tables: read and add, nothing else. Their trigger refuses changes too, but a
  // role that may not even ask can't find a hole in what the trigger lets through.
  for (const name of await tablesNamed(client, APPEND_ONLY)) await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${name} FROM ${a}`);
  // Functions are the app's and the owner's alone, not every login role's on a shared server
  // (ll_erase_customer_data() above all: a SECURITY DEFINER). Postgres grants EXECUTE to PUBLIC
  // on every new function; here it stops, now and for functions later migrations create.
  await client.query(`REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} FROM PUBLIC`);
  await client.query(`ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`);
}

const APPEND_ONLY = ["ledger_entries", "lot_allocations", "audit_logs", "idempotency_keys"];

// Whether a run before this one already granted the app role its privileges: it can read every
// table (ours and the job queue's) and run every function of ours. Checked by a read, so a
// migration run with nothing to do (every process start, a test's seed) takes no locks: the
// job queue's grants create row policies, which lock its tables against the running worker
// and could deadlock with it.
export async function appRoleHasPrivileges(client: pg.ClientBase, app: string): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM pg_class c
                         WHERE c.relnamespace IN (current_schema()::regnamespace, coalesce(to_regnamespace('graphile_worker'), 0))
                           AND c.relkind IN ('r', 'p') AND NOT has_table_privilege($1, c.oid, 'SELECT'))
        AND NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND NOT has_function_privilege($1, p.oid, 'EXECUTE'))
        AS ok`,
    [app],
  );
  return rows[0]!.ok;
}

// The qualified names of those of `names` that exist in the current schema.
async function tablesNamed(client: pg.ClientBase, names: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace",
    [names],
  );
  return rows.map((r) => r.name);
}

// The role a connection URL logs in as (empty when the URL leaves it to the environment).
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
