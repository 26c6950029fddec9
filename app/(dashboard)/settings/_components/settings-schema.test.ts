import { describe, expect, it } from "vitest";
import { settingsFormSchema, toSettingsInput } from "./settings-schema";

const base = { name: "Bean There", currency: "usd", pointValuePer100: 100, earnMode: "SPEND" as const, earnRate: 1, rewardThreshold: "", pointExpiryDays: "365", expiringSoonDays: 7, pendingDays: 0, tierBasis: "LIFETIME" as const, tiers: [], referrerPoints: 0, refereePoints: 0, referralMinimumOrder: 0 };

describe("settings form", () => {
  it("turns empty optional numbers into null (no threshold, never expire)", () => {
    expect(toSettingsInput(base)).toMatchObject({ currency: "USD", rewardThreshold: null, pointExpiryDays: 365 });
    expect(toSettingsInput({ ...base, pointExpiryDays: " " }).pointExpiryDays).toBeNull();
  });

  it("rejects fractions, zero and bad currency codes with readable messages", () => {
    const result = settingsFormSchema.safeParse({ ...base, currency: "dollars", pointExpiryDays: "1.5", earnRate: 0 });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain("Pick a currency from the list (an ISO 4217 code such as USD)");
    expect(messages).toContain("From 1 to 100,000");
    expect(messages.some((m) => m.startsWith("Expiry must be a whole number"))).toBe(true);
  });

  it("takes a three-letter code in any case (the server checks a new one against the ISO list)", () => {
    expect(toSettingsInput({ ...base, currency: " eur " }).currency).toBe("EUR");
    for (const code of ["EURO", "E1R", ""]) expect(settingsFormSchema.safeParse({ ...base, currency: code }).success, code).toBe(false);
  });

  it("names the real limits in its messages", () => {
    const messages = (values: Partial<typeof base>) => settingsFormSchema.safeParse({ ...base, ...values }).error?.issues.map((i) => i.message) ?? [];
    expect(messages({ pointValuePer100: 1_000_001 })).toEqual(["From 0 to 1,000,000"]);
    expect(messages({ earnRate: 100_001 })).toEqual(["From 1 to 100,000"]);
    expect(messages({ expiringSoonDays: 400 })).toEqual(["From 1 to 365 days"]);
    expect(messages({ name: "x".repeat(121) })).toEqual(["At most 120 characters"]);
  });

  it("takes the expiry warning as 1 to 365 whole days", () => {
    expect(toSettingsInput({ ...base, expiringSoonDays: 30 }).expiringSoonDays).toBe(30);
    for (const days of [0, 366, 2.5, Number.NaN]) expect(settingsFormSchema.safeParse({ ...base, expiringSoonDays: days }).success, String(days)).toBe(false);
  });

  it("takes referral points and the minimum order as whole numbers from 0", () => {
    expect(toSettingsInput({ ...base, referrerPoints: 500, refereePoints: 200, referralMinimumOrder: 2500 })).toMatchObject({ referrerPoints: 500, refereePoints: 200, referralMinimumOrder: 2500 });
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(settingsFormSchema.safeParse({ ...base, referrerPoints: bad }).success, String(bad)).toBe(false);
      expect(settingsFormSchema.safeParse({ ...base, referralMinimumOrder: bad }).success, String(bad)).toBe(false);
    }
  });

  it("takes 0 to 365 pending days, 0 meaning spendable at once, in the API's words", () => {
    expect(toSettingsInput({ ...base, pendingDays: 14 }).pendingDays).toBe(14);
    const messages = (days: number) => settingsFormSchema.safeParse({ ...base, pendingDays: days }).error?.issues.map((i) => i.message);
    expect(messages(-1)).toEqual(["must be 0 (spendable at once) or more"]);
    expect(messages(366)).toEqual(["must be at most 365 days"]);
  });

  it("checks the tier table with the API's schema: its messages, on the row and field they are about", () => {
    const tiers = [
      { name: "Gold", minPoints: 1000, multiplierPercent: 150 },
      { name: "gold", minPoints: 1000, multiplierPercent: 90 },
    ];
    const issues = settingsFormSchema.safeParse({ ...base, tiers }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["tiers.1.multiplierPercent", "must be at least 100 (1x): a tier never earns less than the base rate"],
        ["tiers.1.name", 'two tiers are named "gold"'],
        ["tiers.1.minPoints", "two tiers start at 1000 points"],
      ]),
    );
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `T${i}`, minPoints: i * 10, multiplierPercent: 100 }));
    expect(settingsFormSchema.safeParse({ ...base, tiers: eleven }).error?.issues.map((i) => i.message)).toEqual(["at most 10 tiers"]);
  });

  it("sends the tiers lowest first with their percent multipliers", () => {
    const tiers = [
      { name: "Gold", minPoints: 1000, multiplierPercent: 150 },
      { name: "Silver", minPoints: 200, multiplierPercent: 120 },
    ];
    expect(toSettingsInput({ ...base, tierBasis: "ROLLING_12_MONTHS", tiers })).toMatchObject({ tierBasis: "ROLLING_12_MONTHS", tiers: [tiers[1], tiers[0]] });
  });
});
