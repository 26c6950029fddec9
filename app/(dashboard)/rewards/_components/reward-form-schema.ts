// The reward form's schema: text boxes in, the API's own field rules (so the same sentences)
// after turning empty boxes into "none" and numbers into numbers. Dates are whole days, UTC.
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
    validUntil: orNull(String, rewardShape.validUntil),
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

const dayOf = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : "");

type Reward = { title: string; description: string | null; pointsCost: number; stock: number | null; perCustomerLimit: number | null; validFrom: Date | string | null; validUntil: Date | string | null; couponMode: (typeof couponModes)[number]; couponPrefix: string | null };

export function toRewardFormValues(r: Reward): RewardFormValues {
  return {
    title: r.title,
    description: r.description ?? "",
    pointsCost: String(r.pointsCost),
    stock: r.stock === null ? "" : String(r.stock),
    perCustomerLimit: r.perCustomerLimit === null ? "" : String(r.perCustomerLimit),
    validFrom: dayOf(r.validFrom),
    validUntil: dayOf(r.validUntil),
    couponMode: r.couponMode,
    couponPrefix: r.couponPrefix ?? "",
  };
}
