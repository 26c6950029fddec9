import { describe, expect, it } from "vitest";
import { settingsFormSchema, toSettingsInput } from "./settings-schema";

const base = { name: "Bean There", currency: "usd", pointValuePer100: 100, earnMode: "SPEND" as const, earnRate: 1, rewardThreshold: "", pointExpiryDays: "365", expiringSoonDays: 7 };

describe("settings form", () => {
  it("turns empty optional numbers into null (no threshold, never expire)", () => {
    expect(toSettingsInput(base)).toMatchObject({ currency: "USD", rewardThreshold: null, pointExpiryDays: 365 });
    expect(toSettingsInput({ ...base, pointExpiryDays: " " }).pointExpiryDays).toBeNull();
  });

  it("rejects fractions, zero and bad currency codes with readable messages", () => {
    const result = settingsFormSchema.safeParse({ ...base, currency: "dollars", pointExpiryDays: "1.5", earnRate: 0 });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain("Use a 3-letter code such as USD");
    expect(messages).toContain("At least 1");
    expect(messages.some((m) => m.startsWith("Expiry must be a whole number"))).toBe(true);
  });

  it("takes the expiry warning as 1 to 365 whole days", () => {
    expect(toSettingsInput({ ...base, expiringSoonDays: 30 }).expiringSoonDays).toBe(30);
    for (const days of [0, 366, 2.5, Number.NaN]) expect(settingsFormSchema.safeParse({ ...base, expiringSoonDays: days }).success, String(days)).toBe(false);
  });
});
