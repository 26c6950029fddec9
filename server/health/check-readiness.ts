// Readiness: may this instance take traffic? The database answers (the same bounded round trip
// as /health) and every migration in prisma/migrations is applied. A load balancer or an
// orchestrator's readiness probe polls it; liveness is /ping, which never touches the database,
// so a database blip takes instances out of rotation instead of getting them restarted.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { db } from "../db/client";
import { AppError, DATABASE_RETRY_AFTER_SECONDS } from "../errors";
import { checkHealth } from "./check-health";

export type Readiness = { status: "ready"; migrations: number; latencyMs: number };

// Read from the project directory the server runs in (npm start runs it there): this module is
// bundled, so its own location says nothing about where the migrations are.
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Once every migration this build knows is applied it stays so (the folder doesn't change under
// a running server, and migrations are never unapplied): later checks skip the comparison.
let migrationsApplied: number | undefined;

export async function checkReadiness(): Promise<Readiness> {
  if (migrationsApplied !== undefined) {
    const health = await checkHealth();
    return { status: "ready", migrations: migrationsApplied, latencyMs: health.latencyMs };
  }
  // Until then the migrations' own query is the round trip (a database that is down fails it,
  // and the app's error mapping answers 503).
  const started = performance.now();
  const expected = expectedMigrations(MIGRATIONS_DIR);
  const applied = new Set(await appliedMigrations());
  const pending = expected.filter((name) => !applied.has(name));
  if (pending.length) throw notReady(`${pending.length} migration(s) not applied yet: ${pending.join(", ")}. Run \`npm run db:migrate\`.`);
  migrationsApplied = expected.length;
  return { status: "ready", migrations: expected.length, latencyMs: Math.round(performance.now() - started) };
}

function expectedMigrations(dir: string): string[] {
  if (!existsSync(dir)) throw notReady("No migrations folder (prisma/migrations): the server must run from the project directory.");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

async function appliedMigrations(): Promise<string[]> {
  const [table] = await db.$queryRaw<{ found: boolean }[]>`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS found`;
  if (!table?.found) return [];
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((r) => r.name);
}

const notReady = (message: string) => new AppError("SERVICE_UNAVAILABLE", message, undefined, { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) });
