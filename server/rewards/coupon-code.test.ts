import { describe, expect, it } from "vitest";
import { COUPON_ALPHABET, COUPON_CODE_PATTERN, COUPON_LENGTH, generateCouponCode, normalizeCouponCode } from "./coupon-code";

describe("generated coupon codes", () => {
  it("are unique over 100,000 draws, 10 characters of the unambiguous alphabet", () => {
    const codes = Array.from({ length: 100_000 }, () => generateCouponCode());
    expect(new Set(codes).size).toBe(codes.length);
    const shape = new RegExp(`^[${COUPON_ALPHABET}]{${COUPON_LENGTH}}$`);
    expect(codes.filter((c) => !shape.test(c))).toEqual([]);
    // Every character of the alphabet turns up, and none of the confusable ones ever does.
    const seen = new Set(codes.join(""));
    expect([...seen].sort().join("")).toBe(COUPON_ALPHABET);
    expect(codes.some((c) => /[ILOU]/.test(c))).toBe(false);
  });

  it("carry the owner's prefix upper-cased, and stay valid codes", () => {
    const code = generateCouponCode("summer-");
    expect(code).toMatch(new RegExp(`^SUMMER-[${COUPON_ALPHABET}]{10}$`));
    expect(COUPON_CODE_PATTERN.test(code)).toBe(true);
  });

  it("compare case-insensitively", () => {
    expect(normalizeCouponCode("  summer-ab12 ")).toBe("SUMMER-AB12");
  });
});
