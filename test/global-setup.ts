// One PostgreSQL server per test run: DATABASE_URL's server when set (its database is used as
// the admin connection), else a throwaway embedded server. Each test file gets its own database,
// owned by an owner role that migrates it, and used by the tests through an app role with only
// row privileges: the way production runs, so a missing grant fails a test.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureRoles, type Role } from "../server/db/database-roles";
import { startEmbeddedPostgres } from "../server/db/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    ownerDatabaseUrl: string;
    appDatabaseUrl: string;
  }
}

function as(url: string, role: Role): string {
  const next = new URL(url);
  next.username = role.name;
  next.password = role.password;
  return next.toString();
}

async function provideRoles(project: TestProject, admin: string): Promise<void> {
  project.provide("adminDatabaseUrl", admin);
  const secret = () => randomBytes(18).toString("base64url");
  const owner = { name: "loyalty_test_owner", password: secret() };
  const app = { name: "loyalty_test_app", password: secret() };
  try {
    await ensureRoles(admin, owner, app);
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
    // DATABASE_URL's role may not create roles: every test then runs as it.
    console.warn("[test] DATABASE_URL's role can't create roles: tests run as that one role, so missing grants go unnoticed.");
    project.provide("ownerDatabaseUrl", admin);
    project.provide("appDatabaseUrl", admin);
    return;
  }
  project.provide("ownerDatabaseUrl", as(admin, owner));
  project.provide("appDatabaseUrl", as(admin, app));
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    await provideRoles(project, process.env.DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "loyalty-test-pg-"));
  chmodSync(dir, 0o755); // Postgres runs as the postgres user when we are root
  const server = await startEmbeddedPostgres({ dir, port: 0, ephemeral: true });
  keepFailureExitCode();
  await provideRoles(project, server.url("postgres"));
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

// embedded-postgres installs async-exit-hook, which on `beforeExit` calls process.exit(0): that
// turned vitest's exit code 1 (a failed test) into 0, and a failing run into a green one. An
// explicit 0 from anyone now keeps the failure vitest set in process.exitCode.
function keepFailureExitCode() {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;
}

