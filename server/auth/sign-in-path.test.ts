import { describe, expect, it } from "vitest";
import { signInPathFor } from "./sign-in-path";

describe("signInPathFor", () => {
  it("sends a signed-out visitor to the login page, told to return to the page they asked for", () => {
    expect(signInPathFor("/customers/0b6f1c9e-8a4e-4a53-9d1e-2f8e7c1a0b11")).toBe("/login?next=%2Fcustomers%2F0b6f1c9e-8a4e-4a53-9d1e-2f8e7c1a0b11");
    expect(signInPathFor("/customers?q=grace&page=2")).toBe("/login?next=%2Fcustomers%3Fq%3Dgrace%26page%3D2");
  });

  it("drops a path that leaves the site, and needs no ?next= for the default page", () => {
    expect(signInPathFor("//evil.example/x")).toBe("/login");
    expect(signInPathFor(null)).toBe("/login");
    expect(signInPathFor("/customers")).toBe("/login");
  });
});
