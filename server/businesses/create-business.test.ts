import { describe, expect, it } from "vitest";
import { slugify } from "./create-business";

describe("slugify", () => {
  it("makes URL-safe slugs from business names", () => {
    expect(slugify("Demo Coffee Co.")).toBe("demo-coffee-co");
    expect(slugify("  Café Crème & Co  ")).toBe("cafe-creme-co");
    expect(slugify("!!!")).toBe("business");
  });
});
