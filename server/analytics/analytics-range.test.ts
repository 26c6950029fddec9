import { describe, expect, it } from "vitest";
import { analyticsInput, MAX_RANGE_DAYS, quickRange, rangeDays } from "./analytics-range";

const now = new Date("2026-03-15T22:30:00Z");

describe("analytics quick ranges", () => {
  it("end today and include it, in UTC days", () => {
    expect(quickRange("7d", now)).toEqual({ from: "2026-03-09", to: "2026-03-15" });
    expect(rangeDays(quickRange("30d", now))).toBe(30);
    expect(rangeDays(quickRange("90d", now))).toBe(90);
    expect(quickRange("ytd", now)).toEqual({ from: "2026-01-01", to: "2026-03-15" });
    expect(quickRange("last-year", now)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });

  it("are all accepted by the server's range check", () => {
    for (const key of ["7d", "30d", "90d", "ytd", "last-year"] as const) expect(analyticsInput.safeParse(quickRange(key, now)).success, key).toBe(true);
  });
});

describe("analytics range limit", () => {
  it("takes exactly two years and refuses a day more with a sentence naming the limit", () => {
    expect(analyticsInput.safeParse({ from: "2024-01-01", to: "2025-12-31" }).success).toBe(true);
    expect(rangeDays({ from: "2024-01-01", to: "2025-12-31" })).toBe(MAX_RANGE_DAYS);
    const refused = analyticsInput.safeParse({ from: "2024-01-01", to: "2026-01-01" });
    expect(refused.error?.issues[0]?.message).toBe("a range covers at most 731 days (two years): pick a later start or an earlier end");
  });
});
