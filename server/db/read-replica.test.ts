// DATABASE_REPLICA_URL parsing, and which pool readDb is: no database needed (pools connect on
// first use, and nothing here queries).
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("./warn-if-privileged", () => ({ warnIfPrivileged: async () => {} }));

const PRIMARY = "postgresql://app@127.0.0.1:1/primary";
const REPLICA = "postgresql://app@127.0.0.1:1/replica";
const cached = globalThis as { __loyaltyDb?: { $disconnect(): Promise<void> }; __loyaltyReadDb?: { $disconnect(): Promise<void> } };

async function fresh(replica: string | undefined) {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", randomBytes(24).toString("hex"));
  vi.stubEnv("DATABASE_URL", PRIMARY);
  vi.stubEnv("DATABASE_REPLICA_URL", replica);
  return { ...(await import("../env")), ...(await import("./client")) };
}

afterEach(async () => {
  await cached.__loyaltyDb?.$disconnect();
  await cached.__loyaltyReadDb?.$disconnect();
  delete cached.__loyaltyDb;
  delete cached.__loyaltyReadDb;
  vi.unstubAllEnvs();
});

describe("DATABASE_REPLICA_URL", () => {
  it.each([undefined, ""])("%j: no replica, readDb is the primary's own pool (no second pool)", async (value) => {
    const { env, db, readDb, rawPoolOf } = await fresh(value);
    expect(env().DATABASE_REPLICA_URL).toBeUndefined();
    expect(rawPoolOf(readDb)).toBe(rawPoolOf(db));
    expect(cached.__loyaltyReadDb).toBeUndefined();
  });

  it("a postgresql:// URL: readDb is a pool of its own on it, db stays on the primary", async () => {
    const { env, db, readDb, rawPoolOf } = await fresh(REPLICA);
    expect(env().DATABASE_REPLICA_URL).toBe(REPLICA);
    const reads = rawPoolOf(readDb)!;
    expect(reads).not.toBe(rawPoolOf(db));
    expect(reads.options.connectionString).toBe(REPLICA);
    expect(rawPoolOf(db)!.options.connectionString).toBe(PRIMARY);
  });

  it("postgres:// is accepted too", async () => {
    const { env } = await fresh("postgres://app@replica.internal/loyalty");
    expect(env().DATABASE_REPLICA_URL).toBe("postgres://app@replica.internal/loyalty");
  });

  it("refuses anything else at start-up, with a sentence", async () => {
    const { env } = await fresh("mysql://replica/loyalty");
    expect(() => env()).toThrow("DATABASE_REPLICA_URL: DATABASE_REPLICA_URL must be a postgresql:// URL");
  });
});
