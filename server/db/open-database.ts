// Resolves which PostgreSQL the process talks to: DATABASE_URL when set, else the embedded
// server under DATA_DIR (started here if no other process runs it). The caller that gets
// `owned: true` stops it on exit.
import pg from "pg";
import { env } from "../env";
import { ensureRoles, transferOwnership, type Role } from "./database-roles";
import { readOrCreateSecret } from "../secret-file";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const APP_DATABASE = "loyalty";

// url: the app's least-privilege role. migrationUrl: the schema's owner, for migrations only.
export type OpenDatabase = { url: string; migrationUrl: string; embedded: boolean; owned: boolean; stop: () => Promise<void> };

export async function openDatabase(options: { log?: (line: string) => void } = {}): Promise<OpenDatabase> {
  const { DATABASE_URL, MIGRATION_DATABASE_URL, DATA_DIR, EMBEDDED_PG_PORT } = env();
  if (DATABASE_URL) return { url: DATABASE_URL, migrationUrl: MIGRATION_DATABASE_URL ?? DATABASE_URL, embedded: false, owned: false, stop: async () => {} };
  return openEmbeddedDatabase({ dir: DATA_DIR, port: EMBEDDED_PG_PORT, log: options.log });
}

// The embedded database's two roles (see database-roles.ts); their passwords are random,
// made on first start and kept next to the superuser's in the data dir.
export function embeddedRoles(dir: string): { owner: Role; app: Role } {
  return {
    owner: { name: "loyalty_owner", password: readOrCreateSecret(dir, "pg-owner-password") },
    app: { name: "loyalty_app", password: readOrCreateSecret(dir, "pg-app-password") },
  };
}

export async function openEmbeddedDatabase(options: { dir: string; port: number; ephemeral?: boolean; log?: (line: string) => void }): Promise<OpenDatabase> {
  const server = await startEmbeddedPostgres(options);
  const { owner, app } = embeddedRoles(options.dir);
  try {
    await ensureRoles(server.url("postgres"), owner, app);
    await createDatabaseIfMissing(server.url("postgres"), APP_DATABASE, owner.name);
    // Installs from before the two roles have everything owned by the superuser.
    await transferOwnership(server.url(APP_DATABASE), owner.name);
  } catch (error) {
    if (server.owned) await server.stop();
    throw error;
  }
  return {
    url: server.urlAs(app, APP_DATABASE),
    migrationUrl: server.urlAs(owner, APP_DATABASE),
    embedded: true,
    owned: server.owned,
    stop: server.stop,
  };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, owner?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      // Identifiers come from our code, never from input; quoted anyway.
      const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;
      await client.query(`CREATE DATABASE ${quote(name)}${owner ? ` OWNER ${quote(owner)}` : ""}`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created by a concurrent process
      });
    }
  } finally {
    await client.end();
  }
}
