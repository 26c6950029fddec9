import { describe, expect, it } from "vitest";
import { randomPassword } from "./one-time-token";

describe("randomPassword", () => {
  it("is 20 URL-safe characters, different each time, and never starts with a dash", () => {
    const passwords = Array.from({ length: 2000 }, randomPassword);
    // With 2000 draws a leading dash (1 in 64 per draw) would appear ~31 times if not prevented.
    expect(passwords.filter((p) => p.startsWith("-"))).toEqual([]);
    expect(passwords.every((p) => /^[\w-]{20}$/.test(p))).toBe(true);
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
