// Database functions are source code, not history: each lives in a .sql file under a `sql/`
// folder next to the TypeScript that calls it (server/ledger/sql/ledger-write.sql, ...), written
// as CREATE OR REPLACE so it can be applied again and again (Flyway's repeatable migrations).
// The migration runner applies them after the versioned migrations, in the same transaction,
// and records each file's checksum in _repeatable_sql, so a file is re-applied only when it
// changed (or when a migration changed the schema under it). Changing a function is then an edit of its file, reviewed as a diff of that function.
//
// Files apply in path order. PL/pgSQL bodies are only parsed at CREATE time, so files may call
// each other's functions in any order; LANGUAGE sql bodies are checked, so a sql function must
// sort after the functions it calls. Renaming a function or changing its arguments leaves the
// old one behind: drop it in a versioned migration (repeatable-sql.int.test.ts fails on any
// function no file defines).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

// server/: every `sql` folder below it holds repeatable files.
export const REPEATABLE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type Repeatable = { name: string; sql: string; checksum: string };

export function readRepeatables(root = REPEATABLE_ROOT): Repeatable[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      else if (entry.isFile() && entry.name.endsWith(".sql") && path.basename(dir) === "sql") files.push(full);
    }
  };
  walk(root);
  return files
    .map((file) => path.relative(root, file).split(path.sep).join("/"))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(root, name), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// Inside the caller's transaction: the files that changed, or all of them. Returns the names of
// the files it applied.
export async function applyRepeatables(client: pg.Client, repeatables: Repeatable[], options: { all?: boolean } = {}): Promise<string[]> {
  if (repeatables.length === 0) return [];
  await client.query(`CREATE TABLE IF NOT EXISTS "_repeatable_sql" (
    "name" TEXT PRIMARY KEY,
    "checksum" VARCHAR(64) NOT NULL,
    "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_repeatable_sql"`);
  const applied = new Map(rows.map((r) => [r.name, r.checksum]));
  const changed = options.all ? repeatables : repeatables.filter((r) => applied.get(r.name) !== r.checksum);
  for (const file of changed) {
    try {
      await client.query(file.sql);
    } catch (error) {
      throw new Error(`${file.name} failed: ${(error as Error).message}`, { cause: error });
    }
    await client.query(
      `INSERT INTO "_repeatable_sql" (name, checksum) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
      [file.name, file.checksum],
    );
  }
  return changed.map((r) => r.name);
}
