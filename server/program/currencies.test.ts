import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, currencyLabel, currencySchema, isCurrencyCode } from "./currencies";
import { updateSettingsInput } from "./program-settings";

const settings = { name: "Bean There", currency: "USD", pointValuePer100: 100, earnMode: "SPEND", earnRate: 1, rewardThreshold: 100, pointExpiryDays: null };

describe("currencies", () => {
  it("lists the ISO 4217 codes, upper-cased", () => {
    expect(CURRENCY_CODES).toEqual(expect.arrayContaining(["USD", "EUR", "GBP", "JPY", "CHF"]));
    expect(CURRENCY_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    expect(currencyLabel("EUR")).toBe("EUR - Euro");
  });

  it("takes a code in any case and refuses what isn't three letters (the list is checked on a change)", () => {
    expect(currencySchema.parse(" eur ")).toBe("EUR");
    for (const bad of ["dollars", "", "E1R"]) expect(currencySchema.safeParse(bad).success, bad).toBe(false);
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("QQQ")).toBe(false);
  });

  it("is what the settings API checks, with a message that names the real limits", () => {
    const refused = updateSettingsInput.safeParse({ ...settings, currency: "dollars", earnRate: 100_001, pointValuePer100: -1 });
    const messages = refused.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages).toContain("currency: use an ISO 4217 currency code such as USD, EUR or GBP");
    expect(messages).toContain("earnRate: earn rate must be at most 100,000");
    expect(messages).toContain("pointValuePer100: must be from 0 to 1,000,000 (minor units per 100 points)");
  });
});
