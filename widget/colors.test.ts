import { describe, expect, it } from "vitest";
import { contrast, palette, parseHex } from "./colors";

const ratio = (a: string, b: string) => contrast(parseHex(a)!, parseHex(b)!);

describe("widget colours", () => {
  it("puts white text on dark primaries and dark text on light ones, each at least AA for large text", () => {
    expect(palette("#0f766e").onPrimary).toBe("#ffffff");
    expect(palette("#fde047").onPrimary).toBe("#111827");
    for (const primary of ["#0f766e", "#fde047", "#4f46e5", "#ff0000", "#808080", "#22c55e"]) {
      const { onPrimary } = palette(primary);
      expect(ratio(primary, onPrimary)).toBeGreaterThanOrEqual(3);
    }
  });

  it("darkens the accent (text and focus ring on white) until it reaches 4.5:1, and keeps a dark primary as it is", () => {
    expect(palette("#0f766e").accent).toBe("#0f766e");
    const light = palette("#fde047").accent;
    expect(light).not.toBe("#fde047");
    expect(ratio(light, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("falls back to the default colour for anything that is not a hex colour (no CSS injection)", () => {
    expect(palette("red; background: url(x)").primary).toBe("#4f46e5");
    expect(palette(null).primary).toBe("#4f46e5");
    expect(palette("#ABC").primary).toBe("#aabbcc");
  });
});
