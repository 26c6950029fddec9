import { describe, expect, it } from "vitest";
import { negotiateLocale, wordsFor } from "./member-words";

describe("member page words", () => {
  it("picks the most wanted language we have from Accept-Language, else English", () => {
    expect(negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,de;q=0.9,fr;q=0.7,en;q=0.5")).toBe("fr");
    expect(negotiateLocale("en;q=0.4,fr;q=0.6")).toBe("fr");
    expect(negotiateLocale("fr;q=0,en")).toBe("en");
    expect(negotiateLocale("de")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });

  it("says refusals in French by their code, and keeps the API's English sentence otherwise", () => {
    const refused = { code: "MEMBER_CODE_INVALID", error: "That code is wrong or no longer valid." };
    expect(wordsFor("fr").refusal(refused)).toMatch(/^Ce code est faux/);
    expect(wordsFor("en").refusal(refused)).toBe(refused.error);
    expect(wordsFor("fr").refusal({ code: "SOMETHING_NEW", error: "Something new." })).toBe("Something new.");
    expect(wordsFor("fr").t("sentTo", { email: "a@b.fr" })).toBe("Envoyé à a@b.fr.");
  });
});
