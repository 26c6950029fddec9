import { describe, expect, it } from "vitest";
import { toMinorUnits } from "./money-input";

describe("toMinorUnits", () => {
  it("reads amounts as typed into minor units of the currency", () => {
    expect(toMinorUnits("15", "USD")).toBe(1500);
    expect(toMinorUnits(" 15.5 ", "USD")).toBe(1550);
    expect(toMinorUnits("15,05", "EUR")).toBe(1505);
    expect(toMinorUnits("0.07", "USD")).toBe(7);
    expect(toMinorUnits("1500", "JPY")).toBe(1500);
  });

  it("refuses what isn't an amount of the currency", () => {
    for (const text of ["", "abc", "-5", "1.234", "1e3", "15.00.1"]) expect(toMinorUnits(text, "USD")).toBeNull();
    expect(toMinorUnits("15.5", "JPY")).toBeNull();
  });
});
