import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { earnPoints } from "./earn-points";
import { rewardProgress } from "./reward-progress";

const spend = (earnRate: number) => ({ earnMode: "SPEND" as const, earnRate });
const unit = (earnRate: number) => ({ earnMode: "UNIT" as const, earnRate });

describe("earnPoints", () => {
  it("earns earnRate points per whole currency unit spent, rounded down", () => {
    expect(earnPoints(spend(1), { amount: 1299 })).toBe(12);
    expect(earnPoints(spend(3), { amount: 250 })).toBe(7); // 7.5 -> 7
    expect(earnPoints(spend(2), { amount: 99 })).toBe(1); // 1.98 -> 1
    expect(earnPoints(spend(1), { amount: 99 })).toBe(0);
    expect(earnPoints(spend(5), { amount: 0 })).toBe(0);
  });

  it("stays exact for spends whose product is beyond a double's integers", () => {
    // 2^53 + 1 cents at rate 1 would lose its last digit in floating point; it is far over the
    // per-operation limit, so the exact value must reach the refusal.
    expect(() => earnPoints(spend(1), { amount: Number.MAX_SAFE_INTEGER })).toThrow(/more than one operation may award/);
    expect(earnPoints(spend(10), { amount: 100_000_000 })).toBe(10_000_000);
  });

  it("earns earnRate per unit, one unit (a visit) when none is sent", () => {
    expect(earnPoints(unit(10), { units: 3 })).toBe(30);
    expect(earnPoints(unit(4), {})).toBe(4);
  });

  it("refuses the wrong field for the mode with a sentence naming the right one", () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("VALIDATION_ERROR");
        return (error as AppError).message;
      }
      throw new Error("expected a refusal");
    };
    expect(refusal(() => earnPoints(spend(1), { units: 2 }))).toMatch(/send amount/);
    expect(refusal(() => earnPoints(spend(1), {}))).toMatch(/send amount/);
    expect(refusal(() => earnPoints(spend(1), { amount: 100, units: 1 }))).toMatch(/send amount/);
    expect(refusal(() => earnPoints(unit(1), { amount: 500 }))).toMatch(/send units/);
  });
});

describe("rewardProgress", () => {
  it("is available at the threshold, counting down before it", () => {
    expect(rewardProgress(99, 100)).toEqual({ rewardThreshold: 100, rewardAvailable: false, pointsToNextReward: 1 });
    expect(rewardProgress(100, 100)).toEqual({ rewardThreshold: 100, rewardAvailable: true, pointsToNextReward: 0 });
    expect(rewardProgress(250, 100)).toMatchObject({ rewardAvailable: true, pointsToNextReward: 0 });
    expect(rewardProgress(5_000, null)).toEqual({ rewardThreshold: null, rewardAvailable: false, pointsToNextReward: null });
  });
});
