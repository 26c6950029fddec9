import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_MS } from "./retry-schedule";

const now = new Date("2026-01-01T00:00:00Z");
const after = (attempt: number, random: number) => (nextAttemptAt(attempt, now, () => random)?.getTime() ?? NaN) - now.getTime();

describe("nextAttemptAt", () => {
  it("follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and then gives up", () => {
    expect(RETRY_DELAYS_MS.map((_, i) => after(i + 1, 0.5))).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(nextAttemptAt(MAX_ATTEMPTS, now)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it("spreads each delay by up to 20% either way", () => {
    expect(after(1, 0)).toBe(4_000);
    expect(after(1, 0.999999)).toBe(6_000);
    expect(after(2, 0.25)).toBe(270_000);
  });
});
