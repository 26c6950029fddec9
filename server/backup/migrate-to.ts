// Brings a restore's target to the backup's schema version: the app's first N migrations,
// without the repeatable SQL (written for the newest schema; the full run after the load
// applies it all again).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../db/migrate";

export async function targetMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS found`);
    if (!table.rows[0].found) return [];
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return rows.map((r) => r.migration_name);
  } finally {
    await client.end();
  }
}

export async function migrateTo(url: string, names: string[], grantTo: string | undefined): Promise<void> {
  if (names.length === readMigrations().length) {
    await migrate(url, { grantTo });
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "loyalty-restore-"));
  try {
    for (const name of names) cpSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
    await migrate(url, { dir, repeatableRoot: null, jobQueue: true, grantTo });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
