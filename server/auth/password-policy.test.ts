import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isCommonPassword, newPasswordSchema, PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";

const messages = (password: string) => newPasswordSchema.safeParse(password).error?.issues.map((i) => i.message) ?? [];

describe("newPasswordSchema", () => {
  it("accepts a long, uncommon password unchanged", () => {
    const password = randomBytes(12).toString("base64url");
    expect(newPasswordSchema.parse(password)).toBe(password);
  });

  it("refuses a password shorter than the minimum", () => {
    expect(messages("x".repeat(PASSWORD_MIN - 1)).join()).toMatch(/at least 10 characters/);
  });

  it("refuses a password longer than the maximum instead of truncating it", () => {
    expect(messages("x".repeat(PASSWORD_MAX + 1)).join()).toMatch(/at most 128 characters/);
    expect(newPasswordSchema.safeParse("x".repeat(PASSWORD_MAX)).success).toBe(true);
  });

  it.each(["password123", "qwertyuiop", "1234567890", "1q2w3e4r5t", "basketball"])("refuses the common password %s", (password) => {
    expect(messages(password).join()).toMatch(/most commonly used passwords/);
  });

  it("compares case-insensitively", () => {
    expect(messages("PassWord123").join()).toMatch(/most commonly used/);
    expect(messages("QWERTYUIOP").join()).toMatch(/most commonly used/);
    expect(isCommonPassword("Basketball")).toBe(true);
  });
});
