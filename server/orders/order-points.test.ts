import { describe, expect, it } from "vitest";
import { orderPoints, pointsToTakeBack } from "./order-points";

const spend = (earnRate: number, extra: Partial<{ orderEarnsOnShipping: boolean; orderEarnsOnTax: boolean }> = {}) => ({
  earnMode: "SPEND" as const, earnRate, orderEarnsOnShipping: false, orderEarnsOnTax: false, ...extra,
});

describe("orderPoints", () => {
  it("the documented worked example: excluded gift card, discount spread over every line, shipping earns, tax doesn't", () => {
    const result = orderPoints(
      spend(2, { orderEarnsOnShipping: true }),
      { subtotal: 5999, discount: 600, shipping: 500, tax: 480 },
      [{ quantity: 2, unitPrice: 1500, excluded: false }, { quantity: 1, unitPrice: 2000, excluded: true }, { quantity: 1, unitPrice: 999, excluded: false }],
    );
    // Lines 3999 eligible of 5999; their discount share ceil(600 × 3999 / 5999) = 400; 3599 + 500 shipping.
    expect(result.eligibleAmount).toBe(4099);
    expect(result.points).toBe(81);
    expect(result.lines).toEqual([
      { lineTotal: 3000, eligibleAmount: 2699, points: 53 },
      { lineTotal: 2000, eligibleAmount: 0, points: 0 },
      { lineTotal: 999, eligibleAmount: 900, points: 18 },
    ]);
  });

  it("rounds the eligible amount down and earns per whole currency unit", () => {
    // 3 cents of discount over three 1-cent-heavy lines: each eligible share rounds up.
    const result = orderPoints(spend(1), { subtotal: 1000, discount: 1, shipping: 0, tax: 0 }, [
      { quantity: 1, unitPrice: 333, excluded: false }, { quantity: 1, unitPrice: 667, excluded: true },
    ]);
    expect(result.eligibleAmount).toBe(332);
    expect(result.points).toBe(3);
  });

  it("adds tax only when the program says, and earns per item in UNIT mode", () => {
    const money = { subtotal: 1000, discount: 0, shipping: 200, tax: 300 };
    const lines = [{ quantity: 3, unitPrice: 200, excluded: false }, { quantity: 2, unitPrice: 200, excluded: true }];
    expect(orderPoints(spend(1, { orderEarnsOnTax: true }), money, lines).eligibleAmount).toBe(900);
    const unit = orderPoints({ earnMode: "UNIT", earnRate: 5, orderEarnsOnShipping: false, orderEarnsOnTax: false }, money, lines);
    expect([unit.points, unit.lines.map((l) => l.points)]).toEqual([15, [15, 0]]);
  });

  it("refuses a subtotal that isn't the lines' sum and a discount above it", () => {
    const lines = [{ quantity: 2, unitPrice: 100, excluded: false }];
    expect(() => orderPoints(spend(1), { subtotal: 150, discount: 0, shipping: 0, tax: 0 }, lines)).toThrow(/sum of the items/);
    expect(() => orderPoints(spend(1), { subtotal: 200, discount: 201, shipping: 0, tax: 0 }, lines)).toThrow(/discount/);
  });
});

describe("pointsToTakeBack", () => {
  it("takes back in proportion, rounded down, cumulatively never more than earned, all of it when fully refunded", () => {
    const order = { points: 81, eligibleAmount: 4099 };
    expect(pointsToTakeBack(order, 1000, false)).toBe(19);
    expect(pointsToTakeBack(order, 4098, false)).toBe(80);
    expect(pointsToTakeBack(order, 4099, true)).toBe(81);
    expect(pointsToTakeBack({ points: 10, eligibleAmount: 0 }, 0, true)).toBe(10);
  });
});
