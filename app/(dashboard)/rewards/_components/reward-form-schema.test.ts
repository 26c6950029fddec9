// The reward form turns text boxes into the API's input: empty means none/unlimited, numbers
// are checked with the API's own sentences, and the prefix goes only with generated codes.
import { describe, expect, it } from "vitest";
import { changedWindow, EMPTY_REWARD, rewardFormSchema, toRewardFormValues } from "./reward-form-schema";

const messages = (values: object) => {
  const result = rewardFormSchema.safeParse({ ...EMPTY_REWARD, title: "Mug", pointsCost: "50", ...values });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("reward form schema", () => {
  it("reads empty boxes as none and numbers as numbers", () => {
    const parsed = rewardFormSchema.parse({ ...EMPTY_REWARD, title: " Mug ", pointsCost: "50", stock: "3", couponMode: "GENERATED", couponPrefix: "mug-" });
    expect(parsed).toEqual({
      title: "Mug",
      description: null,
      pointsCost: 50,
      stock: 3,
      perCustomerLimit: null,
      validFrom: null,
      validUntil: null,
      couponMode: "GENERATED",
      couponPrefix: "MUG-",
    });
  });

  it("answers with the API's sentences", () => {
    expect(messages({ pointsCost: "abc" })).toEqual(["pointsCost: must be a number"]);
    expect(messages({ pointsCost: "1.5" })).toEqual(["pointsCost: must be a whole number of points"]);
    expect(messages({ pointsCost: "" })).toEqual(["pointsCost: must be a number"]);
    expect(messages({ pointsCost: "0" })).toEqual(["pointsCost: must be a positive number of points"]);
    expect(messages({ stock: "-1" })).toEqual(["stock: must not be negative"]);
    expect(messages({ perCustomerLimit: "0" })).toEqual(["perCustomerLimit: must be at least 1"]);
    expect(messages({ validFrom: "2030-02-01", validUntil: "2030-01-01" })).toEqual(["validUntil: validUntil must be after validFrom"]);
    expect(messages({ couponMode: "GENERATED", couponPrefix: "no spaces" })).toEqual(["couponPrefix: must be 1-20 letters, digits, dashes or underscores"]);
  });

  it("drops a prefix left in the box when the reward no longer generates codes", () => {
    expect(rewardFormSchema.parse({ ...EMPTY_REWARD, title: "Mug", pointsCost: "5", couponMode: "POOL", couponPrefix: "OLD-" }).couponPrefix).toBeNull();
  });

  it("round-trips a saved reward through the boxes", () => {
    const saved = { title: "Mug", description: "Blue", pointsCost: 50, stock: null, perCustomerLimit: 2, validFrom: new Date("2030-01-01T00:00:00Z"), validUntil: null, couponMode: "NONE" as const, couponPrefix: null };
    const values = toRewardFormValues(saved);
    expect(values).toMatchObject({ stock: "", perCustomerLimit: "2", validFrom: "2030-01-01" });
    expect(rewardFormSchema.parse(values)).toEqual({ ...saved, validFrom: new Date("2030-01-01T00:00:00Z") });
  });

  it("takes the until day as inclusive: through its end, as the API's next midnight, and shows it back as that day", () => {
    const parsed = rewardFormSchema.parse({ ...EMPTY_REWARD, title: "Mug", pointsCost: "5", validFrom: "2030-12-24", validUntil: "2030-12-24" });
    expect(parsed).toMatchObject({ validFrom: new Date("2030-12-24T00:00:00Z"), validUntil: new Date("2030-12-25T00:00:00Z") });
    const saved = { title: "Mug", description: null, pointsCost: 5, stock: null, perCustomerLimit: null, validFrom: parsed.validFrom ?? null, validUntil: parsed.validUntil ?? null, couponMode: "NONE" as const, couponPrefix: null };
    expect(toRewardFormValues(saved)).toMatchObject({ validFrom: "2030-12-24", validUntil: "2030-12-24" });
  });

  it("sends a window on edit only when its day changed, so a time of day set through the API stays", () => {
    const stored = { validFrom: new Date("2030-12-01T15:30:00Z"), validUntil: new Date("2030-12-24T18:00:00Z") };
    const saved = { title: "Mug", description: null, pointsCost: 5, stock: null, perCustomerLimit: null, ...stored, couponMode: "NONE" as const, couponPrefix: null };
    const unchanged = rewardFormSchema.parse({ ...toRewardFormValues(saved), title: "Big mug" });
    expect(changedWindow(unchanged, stored)).not.toHaveProperty("validFrom");
    expect(changedWindow(unchanged, stored)).not.toHaveProperty("validUntil");
    expect(changedWindow(unchanged, stored)).toMatchObject({ title: "Big mug" });
    const moved = rewardFormSchema.parse({ ...toRewardFormValues(saved), validUntil: "2030-12-31" });
    expect(changedWindow(moved, stored)).toMatchObject({ validUntil: new Date("2031-01-01T00:00:00Z") });
    expect(changedWindow(moved, stored)).not.toHaveProperty("validFrom");
  });
});
