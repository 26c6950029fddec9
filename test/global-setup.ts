// One PostgreSQL server per test run: DATABASE_URL's server when set (its database is used as
// the admin connection), else a throwaway embedded server. Each test file gets its own database.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../server/db/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("adminDatabaseUrl", process.env.DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "loyalty-test-pg-"));
  chmodSync(dir, 0o755); // Postgres runs as the postgres user when we are root
  const server = await startEmbeddedPostgres({ dir, port: 0, ephemeral: true });
  project.provide("adminDatabaseUrl", server.url("postgres"));
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
