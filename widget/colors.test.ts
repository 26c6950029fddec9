import { describe, expect, it } from "vitest";
import { contrast, palette, parseHex } from "./colors";

const ratio = (a: string, b: string) => contrast(parseHex(a)!, parseHex(b)!);

describe("widget colours", () => {
  it("puts white text on dark primaries and black on light ones, AA (4.5:1) whatever the primary", () => {
    expect(palette("#0f766e").onPrimary).toBe("#ffffff");
    expect(palette("#fde047").onPrimary).toBe("#000000");
    // Every grey from black to white: the hardest case is a mid-grey.
    for (let v = 0; v <= 255; v += 5) {
      const grey = `#${v.toString(16).padStart(2, "0").repeat(3)}`;
      expect(ratio(grey, palette(grey).onPrimary)).toBeGreaterThanOrEqual(4.5);
    }
    for (const primary of ["#4f46e5", "#ff0000", "#22c55e", "#0ea5e9", "#f97316"]) expect(ratio(primary, palette(primary).onPrimary)).toBeGreaterThanOrEqual(4.5);
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
