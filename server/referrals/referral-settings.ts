// The program's referral settings, joined into the program (program/program-settings.ts): GET/PUT
// /api/v1/program and the portal's settings page read and change them with the rest, audited alike.
import { z } from "zod";
import { MAX_POINTS_PER_OPERATION } from "../ledger/ledger-schemas";

export const REFERRAL_SETTINGS_SELECT = { referralMinimumOrder: true, referrerPoints: true, refereePoints: true } as const;

export type ReferralSettings = { referralMinimumOrder: number; referrerPoints: number; refereePoints: number };

const points = (who: string) =>
  z
    .int("must be a whole number of points")
    .min(0, "must be 0 (none) or more")
    .max(MAX_POINTS_PER_OPERATION, `must be at most ${MAX_POINTS_PER_OPERATION.toLocaleString("en")}`)
    .optional()
    .meta({ description: `Points the ${who} gets when a referral completes (0: none). Default 0.` });

// Optional like the program's later fields: callers that predate them leave them as they are.
export const referralSettingsShape = {
  referralMinimumOrder: z
    .int("must be a whole number of minor units (cents)")
    .min(0, "must be 0 (any order) or more")
    .max(500_000_000)
    .optional()
    .meta({ description: "The smallest order total (minor units) that completes a referral: the referee's first order at the program's points status with at least this total. Default 0." }),
  referrerPoints: points("referrer"),
  refereePoints: points("referee (the new customer)"),
};
