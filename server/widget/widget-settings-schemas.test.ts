import { describe, expect, it } from "vitest";
import { allowedOriginsSchema, colorSchema, launcherTextSchema, shareUrlSchema } from "./widget-settings-schemas";

describe("widget settings validation", () => {
  it("keeps https origins and local http ones, normalised and without duplicates", () => {
    expect(allowedOriginsSchema.parse(["https://Shop.Example/", "https://shop.example", "https://shop.example:8443", "http://localhost:5173", "http://127.0.0.1:3000"]))
      .toEqual(["https://shop.example", "https://shop.example:8443", "http://localhost:5173", "http://127.0.0.1:3000"]);
  });

  it.each(["http://shop.example", "https://shop.example/path", "https://shop.example/?q=1", "https://shop.example/#x", "https://user:pw@shop.example", "ftp://shop.example", "shop.example", "*"])(
    "refuses %s as an allowed origin",
    (origin) => expect(allowedOriginsSchema.safeParse([origin]).success).toBe(false),
  );

  it("refuses more than 20 origins", () => {
    expect(allowedOriginsSchema.safeParse(Array.from({ length: 21 }, (_, i) => `https://s${i}.example`)).success).toBe(false);
  });

  it("takes colours as #rrggbb (lower-cased), launcher text up to 40 characters, share links on https", () => {
    expect(colorSchema.parse("#A1b2C3")).toBe("#a1b2c3");
    for (const bad of ["red", "#fff", "#12345g", "#1234567"]) expect(colorSchema.safeParse(bad).success, bad).toBe(false);
    expect(launcherTextSchema.parse("  Rewards  ")).toBe("Rewards");
    for (const bad of ["", "   ", "x".repeat(41), "a\u0000b"]) expect(launcherTextSchema.safeParse(bad).success).toBe(false);
    expect(shareUrlSchema.parse("https://shop.example/join")).toBe("https://shop.example/join");
    for (const bad of ["javascript:alert(1)", "http://shop.example/", "data:text/html,x"]) expect(shareUrlSchema.safeParse(bad).success, bad).toBe(false);
  });
});
