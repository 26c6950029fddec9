// Brings a database up to date in one transaction: the versioned migrations in
// prisma/migrations/*/migration.sql that are new, then the repeatable SQL files (see
// repeatable-sql.ts) that changed. A run either lands whole, schema and functions together, or
// leaves no trace. Versioned migrations are recorded in _prisma_migrations exactly as Prisma
// does, because `prisma migrate deploy` can't run on this stack (prisma/orm#27403); records
// stay compatible, so Prisma's own tooling can take over later.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { grantJobQueue, installJobQueue } from "../jobs/install-job-queue";
import { appRoleHasPrivileges, grantAppRole, roleOf } from "./database-roles";
import { applyRepeatables, readRepeatables, REPEATABLE_ROOT } from "./repeatable-sql";

// Prisma's own advisory lock key, so our runner and Prisma's exclude each other too.
const LOCK_KEY = 72707369;

// Next to this file, not the working directory: running from elsewhere must not find "no
// migrations" and report success on an empty schema.
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number; repeatables: string[] };

export class MigrationError extends Error {}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: sha256(sql) };
    });
}

export async function migrate(
  url: string,
  // grantTo: the app's role (see database-roles.ts), granted row privileges after the run.
  // jobQueue: install the job queue's schema too (default: with the real migrations only; the
  // runner's own tests use fixture migrations).
  options: { dir?: string; repeatableRoot?: string | null; grantTo?: string; jobQueue?: boolean; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.dir);
  // null: no repeatables (the runner's own tests use fixture migrations without our functions).
  const repeatables = options.repeatableRoot === null ? [] : readRepeatables(options.repeatableRoot ?? REPEATABLE_ROOT);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A migration may rewrite a big table: none of the app's per-statement bounds apply here,
    // whatever the role or database defaults say.
    await client.query("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    // The job queue's schema first (its migrations run their own transactions, and are
    // idempotent): our functions name its types.
    const jobQueue = options.jobQueue ?? options.dir === undefined;
    if (jobQueue) await installJobQueue(url);
    const pending = await pendingMigrations(client, migrations);
    await client.query("BEGIN");
    try {
      for (const migration of pending) {
        await apply(client, migration);
        log(`applied migration ${migration.name}`);
      }
      // After a schema change every file goes again, not only the changed ones: a migration may
      // have dropped a function with the table it used (CASCADE), and SQL-language bodies are
      // checked against the new tables only when they are created.
      const reapplied = await applyRepeatables(client, repeatables, { all: pending.length > 0 });
      for (const name of reapplied) log(`applied ${name}`);
      // (Nothing changed and the privileges are in place: no GRANT, no lock; see appRoleHasPrivileges.)
      const grant = options.grantTo && (pending.length > 0 || reapplied.length > 0 || !(await appRoleHasPrivileges(client, options.grantTo)));
      if (grant) await grantAppRole(client, options.grantTo!);
      if (grant && jobQueue) await grantJobQueue(client, options.grantTo!);
      await client.query("COMMIT");
      return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length, repeatables: reapplied };
    } catch (error) {
      await client.query("ROLLBACK");
      throw error instanceof MigrationError ? error : new MigrationError((error as Error).message);
    }
  } catch (error) {
    throw (error as { code?: string }).code === "42501" || /permission denied|must be owner/.test((error as Error).message)
      ? new MigrationError(`${(error as Error).message}. Migrations run as the schema's owner: set MIGRATION_DATABASE_URL to the owner role (DATABASE_URL is the app's).`)
      : error;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function pendingMigrations(client: pg.Client, migrations: Migration[]): Promise<Migration[]> {
  const rows = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const recorded = new Map(rows.rows.map((r) => [r.migration_name, r]));
  return migrations.filter((migration) => {
    const record = recorded.get(migration.name);
    if (record?.finished_at === null) {
      throw new MigrationError(`Migration ${migration.name} failed earlier and is not finished; resolve it by hand.`);
    }
    if (record && record.checksum !== migration.checksum) {
      throw new MigrationError(
        `Migration ${migration.name} was edited after it was applied (checksum changed). ` +
          "Restore the original file and put the change in a new migration.",
      );
    }
    return !record;
  });
}

async function apply(client: pg.Client, migration: Migration): Promise<void> {
  const startedAt = new Date();
  try {
    await client.query(migration.sql);
  } catch (error) {
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
  }
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, now(), $3, $4, 1)`,
    [randomUUID(), migration.checksum, migration.name, startedAt],
  );
}

// Migrations run as the owner and then grant the app's role what it needs. Kept here, not in
// open-database.ts, which the app's own client imports: the runner reads the migrations folder,
// and a bundler tracing that pulls the whole project into the server build.
export function migrateDatabase(database: { url: string; migrationUrl: string }, options: { log?: (line: string) => void } = {}): Promise<MigrateResult> {
  return migrate(database.migrationUrl, { log: options.log, grantTo: roleOf(database.url) || undefined });
}
