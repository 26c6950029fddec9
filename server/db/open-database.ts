// Resolves which PostgreSQL the process talks to: DATABASE_URL when set, else the embedded
// server under DATA_DIR (started here if no other process runs it). The caller that gets
// `owned: true` stops it on exit.
import pg from "pg";
import { env } from "../env";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const APP_DATABASE = "loyalty";

export type OpenDatabase = { url: string; embedded: boolean; owned: boolean; stop: () => Promise<void> };

export async function openDatabase(options: { log?: (line: string) => void } = {}): Promise<OpenDatabase> {
  const { DATABASE_URL, DATA_DIR, EMBEDDED_PG_PORT } = env();
  if (DATABASE_URL) return { url: DATABASE_URL, embedded: false, owned: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({ dir: DATA_DIR, port: EMBEDDED_PG_PORT, log: options.log });
  try {
    await createDatabaseIfMissing(server.url("postgres"), APP_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url(APP_DATABASE), embedded: true, owned: server.owned, stop: server.stop };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      // Identifier comes from our code, never from input; quoted anyway.
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created by a concurrent process
      });
    }
  } finally {
    await client.end();
  }
}
