// The settings form's own schema: optional numbers arrive as strings from empty inputs, and
// "empty" means "none" (no threshold, never expire), which the server schema spells null.
// The tier table is checked by the API's own schema, so the form shows the API's sentences.
import { z } from "zod";
import { tiersSchema } from "@/server/program/tier-schemas";

const wholeNumber = z.number({ error: "Enter a whole number" }).int("Enter a whole number");

const optionalWhole = (label: string, max: number) =>
  z.string().refine((v) => v.trim() === "" || (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= max), `${label} must be a whole number from 1 to ${max.toLocaleString("en")}, or empty`);

const wholeFrom0 = (label: string, max: number) =>
  z.number({ error: "Enter a whole number" }).int("Enter a whole number").min(0, `${label} must be 0 or more`).max(max, `${label} must be at most ${max.toLocaleString("en")}`);

export const settingsFormSchema = z.object({
  name: z.string().trim().min(1, "The business needs a name").max(120, "At most 120 characters"),
  // The server's own list: pick from it, or type a code it knows.
  // The shape only: the server checks a new code against the list, and keeps a stored one
  // the list lacks (currencies.ts).
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Pick a currency from the list (an ISO 4217 code such as USD)"),
  pointValuePer100: wholeNumber.min(0, "From 0 to 1,000,000").max(1_000_000, "From 0 to 1,000,000"),
  earnMode: z.enum(["SPEND", "UNIT"]),
  earnRate: wholeNumber.min(1, "From 1 to 100,000").max(100_000, "From 1 to 100,000"),
  rewardThreshold: optionalWhole("Threshold", 100_000_000),
  pointExpiryDays: optionalWhole("Expiry", 3650),
  expiringSoonDays: wholeNumber.min(1, "From 1 to 365 days").max(365, "From 1 to 365 days"),
  pendingDays: z.number({ error: "Enter a whole number" }).int("must be a whole number of days").min(0, "must be 0 (spendable at once) or more").max(365, "must be at most 365 days"),
  tierBasis: z.enum(["LIFETIME", "ROLLING_12_MONTHS"]),
  tiers: tiersSchema,
  referrerPoints: wholeFrom0("Points", 10_000_000),
  refereePoints: wholeFrom0("Points", 10_000_000),
  referralMinimumOrder: wholeFrom0("Minimum order", 500_000_000),
});

export type SettingsFormValues = z.input<typeof settingsFormSchema>;

export function toSettingsInput(values: SettingsFormValues) {
  const parsed = settingsFormSchema.parse(values);
  const orNull = (v: string) => (v.trim() === "" ? null : Number(v));
  return { ...parsed, rewardThreshold: orNull(parsed.rewardThreshold), pointExpiryDays: orNull(parsed.pointExpiryDays) };
}
