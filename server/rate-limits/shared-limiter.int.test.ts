import { describe, expect, it } from "vitest";
import { RateLimiterRes } from "rate-limiter-flexible";
import { rawPool } from "../../test/test-database";
import { sharedLimiter } from "./shared-limiter";

describe("sharedLimiter", () => {
  // Two pools stand for two app processes: each has its own limiter object and connections,
  // and only the rate_limits table in common.
  it("admits exactly the limit however the requests are spread over processes", async () => {
    const options = { keyPrefix: "test-split", points: 25, duration: 60 };
    const processes = [sharedLimiter(options, rawPool()), sharedLimiter(options, rawPool())];
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => processes[i % 2]!.consume("key-1").then(() => "admitted", (e: unknown) => (e instanceof RateLimiterRes ? "limited" : String(e)))),
    );
    expect(outcomes.filter((o) => o === "admitted")).toHaveLength(25);
    expect(outcomes.filter((o) => o === "limited")).toHaveLength(35);
    // Another key has its own count.
    await expect(processes[1]!.consume("key-2")).resolves.toMatchObject({ consumedPoints: 1 });
  });

  it("keeps its counts in the rate_limits table, under its prefix", async () => {
    const pool = rawPool();
    await sharedLimiter({ keyPrefix: "test-table", points: 5, duration: 60 }, pool).consume("who", 2);
    const { rows } = await pool.query(`SELECT key, points FROM rate_limits WHERE key LIKE 'test-table%'`);
    expect(rows).toEqual([{ key: "test-table:who", points: 2 }]);
    const { rows: kind } = await pool.query(`SELECT relpersistence FROM pg_class WHERE relname = 'rate_limits'`);
    expect(kind).toEqual([{ relpersistence: "u" }]); // UNLOGGED
  });
});
