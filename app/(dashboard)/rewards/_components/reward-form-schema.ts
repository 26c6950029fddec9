// The reward form's schema: text boxes in, the API's own field rules (so the same sentences)
// after turning empty boxes into "none" and numbers into numbers. Dates are whole days, UTC,
// both inclusive: "until 24 Dec" is through the end of that day (the API's validUntil, which
// is exclusive, is the next midnight).
import { z } from "zod";
import { couponModes, rewardFieldProblem, rewardShape } from "@/server/rewards/reward-schemas";

const blank = (s: string) => s.trim() === "";
const number = (s: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : Number.NaN);
// Empty box: null (none, unlimited); anything else goes to the API's rule as typed.
const orNull = <T extends z.ZodType>(convert: (s: string) => unknown, field: T) => z.preprocess((s) => (typeof s !== "string" || blank(s) ? null : convert(s)), field);

export const rewardFormSchema = z
  .object({
    title: rewardShape.title,
    description: orNull(String, rewardShape.description),
    pointsCost: z.preprocess((s) => number(String(s)), rewardShape.pointsCost),
    stock: orNull(number, rewardShape.stock),
    perCustomerLimit: orNull(number, rewardShape.perCustomerLimit),
    validFrom: orNull(String, rewardShape.validFrom),
    validUntil: orNull(nextMidnight, rewardShape.validUntil),
    couponMode: z.enum(couponModes),
    couponPrefix: orNull(String, rewardShape.couponPrefix),
  })
  // The prefix box shows for generated codes only: whatever it held otherwise is dropped.
  .transform((v) => ({ ...v, couponPrefix: v.couponMode === "GENERATED" ? (v.couponPrefix ?? null) : null }))
  .superRefine((v, ctx) => {
    const problem = rewardFieldProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: [problem.split(" ")[0]!] });
  });

// What the boxes hold: all text, as the inputs give it.
export type RewardFormValues = Record<Exclude<(typeof REWARD_FIELDS)[number], "couponMode">, string> & { couponMode: (typeof couponModes)[number] };
export type RewardInput = z.output<typeof rewardFormSchema>;
export const REWARD_FIELDS = ["title", "description", "pointsCost", "stock", "perCustomerLimit", "validFrom", "validUntil", "couponMode", "couponPrefix"] as const;

export const EMPTY_REWARD: RewardFormValues = {
  title: "",
  description: "",
  pointsCost: "",
  stock: "",
  perCustomerLimit: "",
  validFrom: "",
  validUntil: "",
  couponMode: "NONE",
  couponPrefix: "",
};

const DAY = 86_400_000;
const dayOf = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "");
// The day box's "until" (inclusive) as the API's exclusive end, and back.
function nextMidnight(day: string): string {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(start) ? day : new Date(start + DAY).toISOString();
}
const lastDayBefore = (d: Date | string | null | undefined) => (d ? dayOf(new Date(new Date(d).getTime() - 1)) : "");

// An edit sends a window only when its day changed: a reward created through the API with a
// time of day keeps it when the owner edits only its title.
export function changedWindow(input: RewardInput, before: Pick<Reward, "validFrom" | "validUntil">): Partial<RewardInput> {
  const { validFrom, validUntil, ...rest } = input;
  return {
    ...rest,
    ...(dayOf(validFrom) !== dayOf(before.validFrom) && { validFrom }),
    ...(lastDayBefore(validUntil) !== lastDayBefore(before.validUntil) && { validUntil }),
  };
}

type Reward = { title: string; description: string | null; pointsCost: number; stock: number | null; perCustomerLimit: number | null; validFrom: Date | string | null; validUntil: Date | string | null; couponMode: (typeof couponModes)[number]; couponPrefix: string | null };

export function toRewardFormValues(r: Reward): RewardFormValues {
  return {
    title: r.title,
    description: r.description ?? "",
    pointsCost: String(r.pointsCost),
    stock: r.stock === null ? "" : String(r.stock),
    perCustomerLimit: r.perCustomerLimit === null ? "" : String(r.perCustomerLimit),
    validFrom: dayOf(r.validFrom),
    validUntil: lastDayBefore(r.validUntil),
    couponMode: r.couponMode,
    couponPrefix: r.couponPrefix ?? "",
  };
}
