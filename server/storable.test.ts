import { describe, expect, it } from "vitest";
import { isStorableJson, isStorableText, storableDate, storableText } from "./storable";

describe("storable values", () => {
  it("refuses NUL characters and lone surrogates, keeps real emoji", () => {
    expect(isStorableText("café ☕ 👍")).toBe(true);
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("x\ud800")).toBe(false);
    expect(isStorableText("\udc00x")).toBe(false);
    expect(storableText(10).safeParse("  ok  ").data).toBe("ok");
    expect(storableText(10).safeParse("bad\u0000").success).toBe(false);
  });

  it("checks every string inside JSON, keys included", () => {
    expect(isStorableJson({ a: ["b", { c: 1, d: null }] })).toBe(true);
    expect(isStorableJson({ a: ["b", { c: "\u0000" }] })).toBe(false);
    expect(isStorableJson({ ["k\ud800"]: 1 })).toBe(false);
  });

  it("accepts dates from 1970 to 9999 only", () => {
    expect(storableDate.safeParse("2027-01-15T00:00:00Z").success).toBe(true);
    expect(storableDate.safeParse("+010000-01-01T00:00:00Z").success).toBe(false);
    expect(storableDate.safeParse("0000-01-01").success).toBe(false);
    expect(storableDate.safeParse(1e15).success).toBe(false);
    expect(storableDate.safeParse("not a date").success).toBe(false);
  });

  it("takes only strings (and Dates) as dates: null, true and numbers were read as moments in 1970", () => {
    for (const value of [null, true, false, 0, 5]) expect(storableDate.safeParse(value).success, String(value)).toBe(false);
    expect(storableDate.safeParse(new Date("2027-01-15T00:00:00Z")).success).toBe(true);
    expect(storableDate.optional().safeParse(undefined).success).toBe(true);
  });
});
