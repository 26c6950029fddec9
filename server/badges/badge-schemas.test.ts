import { describe, expect, it } from "vitest";
import { awardBadgeInput, badgeSlugSchema, nameFromSlug } from "./badge-schemas";

describe("badgeSlugSchema", () => {
  it("accepts and lower-cases slugs", () => {
    expect(badgeSlugSchema.parse(" First-Visit ")).toBe("first-visit");
    expect(badgeSlugSchema.parse("vip_2026")).toBe("vip_2026");
  });

  it("refuses what isn't a slug", () => {
    for (const bad of ["", "two words", "-lead", "trail-", "a--b", "x".repeat(65), "café"]) {
      expect(badgeSlugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("awardBadgeInput", () => {
  it("needs a customer and normalises how they are named", () => {
    expect(awardBadgeInput.safeParse({ badgeSlug: "vip" }).success).toBe(false);
    expect(awardBadgeInput.parse({ customerEmail: "Ann@Example.com", badgeSlug: "vip" })).toMatchObject({ customerEmail: "ann@example.com" });
  });
});

describe("nameFromSlug", () => {
  it("turns a slug into a readable name", () => {
    expect(nameFromSlug("first-visit")).toBe("First visit");
    expect(nameFromSlug("vip_club")).toBe("Vip club");
  });
});
