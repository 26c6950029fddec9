import { describe, expect, it } from "vitest";
import { normalizeEmail, normalizePhone } from "./normalize-identity";

describe("normalizeEmail", () => {
  it("lower-cases and trims", () => {
    expect(normalizeEmail("  Ann.Lee@Example.COM ")).toBe("ann.lee@example.com");
  });
});

describe("normalizePhone", () => {
  it("strips formatting but keeps a leading plus", () => {
    expect(normalizePhone("+1 (555) 010-2000")).toBe("+15550102000");
    expect(normalizePhone("555.010.2000")).toBe("5550102000");
  });

  it("rejects what cannot be a phone number", () => {
    expect(normalizePhone("12")).toBeNull();
    expect(normalizePhone("call me")).toBeNull();
    expect(normalizePhone("+1234567890123456")).toBeNull();
    expect(normalizePhone("1+2345678")).toBeNull();
  });
});
