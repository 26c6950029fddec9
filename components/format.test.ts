import { describe, expect, it } from "vitest";
import { formatMoney, formatPercent, formatPoints, formatSignedPoints } from "./format";

describe("portal formatting", () => {
  it("shows money from integer minor units, per currency", () => {
    expect(formatMoney(780, "USD")).toBe("$7.80");
    expect(formatMoney(123456, "EUR")).toBe("€1,234.56");
    // Yen has no minor unit: 500 minor units are 500 yen.
    expect(formatMoney(500, "JPY")).toBe("¥500");
  });

  it("signs points and leaves zero unsigned", () => {
    expect(formatSignedPoints(45)).toBe("+45");
    expect(formatSignedPoints(-1200)).toBe("−1,200");
    expect(formatSignedPoints(0)).toBe("0");
    expect(formatPoints(1234567)).toBe("1,234,567");
  });

  it("renders shares as percentages and a missing share as a dash", () => {
    expect(formatPercent(0.1333)).toBe("13.3%");
    expect(formatPercent(null)).toBe("—");
  });
});
