// npm run db:new-migration -- <name> [--empty]
// Writes the next migration from the change between prisma/schema.prisma and the snapshot of
// the schema as of the last migration, using `prisma migrate diff` (works offline, no database).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../server/db/open-database";

const SCHEMA = "prisma/schema.prisma";
const MIGRATIONS = "prisma/migrations";
const SNAPSHOT = path.join(MIGRATIONS, "schema-snapshot.prisma");

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
const allowEmpty = args.includes("--empty");
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name_in_snake_case> [--empty]");
  process.exit(2);
}

// The JS schema engine wants a live connection even for a datamodel-to-datamodel diff; it
// reads nothing from it. DATABASE_URL or the embedded server serves.
const database = await openDatabase();
const from = existsSync(SNAPSHOT) ? ["--from-schema-datamodel", SNAPSHOT] : ["--from-empty"];
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DATABASE_URL: database.url } },
);
await database.stop();
if (sql.includes("-- This is an empty migration.") && !allowEmpty) {
  console.error("No schema change since the last migration. Pass --empty for a hand-written SQL migration.");
  process.exit(1);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync(SCHEMA, SNAPSHOT);
const lock = path.join(MIGRATIONS, "migration_lock.toml");
if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');

console.log(`Wrote ${dir}/migration.sql`);
console.log("Append hand-written SQL (CHECKs, triggers, functions) to it now, then: npm run db:migrate");
console.log("Once applied anywhere, a migration file must never change: the runner refuses edited ones.");
