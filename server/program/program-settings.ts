// The business's programme settings: what a point is worth, how points are earned, when they
// become spendable and expire, and the tiers; read and changed by the portal's settings page and
// by GET/PUT /api/v1/program alike. Every change is audited with the before and after of the
// fields that moved. A change of the tiers or their basis re-tiers every customer (a job).
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import { storableText } from "../storable";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { MAX_PENDING_DAYS } from "../ledger/ledger-schemas";
import { REFERRAL_SETTINGS_SELECT, referralSettingsShape, type ReferralSettings } from "../referrals/referral-settings";
import { tiersSchema, type Tier } from "./tier-schemas";
import { AppError } from "../errors";
import { CURRENCY_MESSAGE, currencySchema, isCurrencyCode } from "./currencies";

const POINT_VALUE_RANGE = "must be from 0 to 1,000,000 (minor units per 100 points)";

const SELECT = {
  name: true, currency: true, pointValuePer100: true, earnMode: true, earnRate: true, rewardThreshold: true,
  pointExpiryDays: true, expiringSoonDays: true, pendingDays: true, tierBasis: true, tiers: true,
  orderEarnsOnShipping: true, orderEarnsOnTax: true, orderPointsWhen: true, ...REFERRAL_SETTINGS_SELECT,
} as const;

export type ProgramSettings = {
  name: string;
  currency: string;
  pointValuePer100: number;
  earnMode: "SPEND" | "UNIT";
  earnRate: number;
  rewardThreshold: number | null;
  pointExpiryDays: number | null;
  expiringSoonDays: number;
  pendingDays: number;
  tierBasis: "LIFETIME" | "ROLLING_12_MONTHS";
  tiers: Tier[];
  orderEarnsOnShipping: boolean;
  orderEarnsOnTax: boolean;
  orderPointsWhen: "PAID" | "FULFILLED";
} & ReferralSettings;

// The stored tiers JSON, as the API shows it (anything unexpected in it is left out).
const toSettings = (row: Omit<ProgramSettings, "tiers"> & { tiers: unknown }): ProgramSettings => ({
  ...row,
  tiers: tiersSchema.catch([]).parse(row.tiers),
});

export const updateSettingsInput = z.object({
  // Storable text: a lone surrogate or a NUL would make Postgres refuse the row (a 500).
  name: storableText(120).pipe(z.string().min(1, "the business needs a name")),
  currency: currencySchema,
  pointValuePer100: z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, POINT_VALUE_RANGE)
    .max(1_000_000, POINT_VALUE_RANGE),
  earnMode: z.enum(["SPEND", "UNIT"]),
  earnRate: z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "earn rate must be at least 1").max(100_000, "earn rate must be at most 100,000"),
  rewardThreshold: z
    .number({ error: "must be a whole number or null (no threshold)" })
    .int("must be a whole number")
    .min(1, "must be from 1 to 100,000,000 points, or null for no threshold")
    .max(100_000_000, "must be from 1 to 100,000,000 points, or null for no threshold")
    .nullable(),
  pointExpiryDays: z
    .number({ error: "must be a whole number of days or null (never expire)" })
    .int("must be a whole number of days")
    .min(1, "must be from 1 to 3,650 days, or null for points that never expire")
    .max(3650, "must be from 1 to 3,650 days, or null for points that never expire")
    .nullable(),
  // The rest are optional: callers that predate them leave the business's values as they are.
  // How many days before a lot of points expires the points.expiring_soon webhook goes out.
  expiringSoonDays: z.number().int().min(1, "warn at least 1 day before").max(365, "warn at most 365 days before").optional(),
  pendingDays: z
    .number()
    .int("must be a whole number of days")
    .min(0, "must be 0 (spendable at once) or more")
    .max(MAX_PENDING_DAYS, `must be at most ${MAX_PENDING_DAYS} days`)
    .optional()
    .meta({ description: "Days an award stays pending (not spendable, e.g. your return window) unless it gives availableAt; 0: spendable at once." }),
  tierBasis: z
    .enum(["LIFETIME", "ROLLING_12_MONTHS"])
    .optional()
    .meta({ description: "What qualifies for a tier: every point earned, or those earned in the last 12 months (re-evaluated daily, so customers can drop)." }),
  tiers: tiersSchema.optional(),
  orderEarnsOnShipping: z
    .boolean({ error: "must be true or false" })
    .optional()
    .meta({ description: "true: an order's shipping earns points too (POST /orders). Default false." }),
  orderEarnsOnTax: z
    .boolean({ error: "must be true or false" })
    .optional()
    .meta({ description: "true: an order's tax earns points too. Default false." }),
  orderPointsWhen: z
    .enum(["PAID", "FULFILLED"], "must be PAID or FULFILLED")
    .optional()
    .meta({ description: "The order status at which its points are awarded (then pending for pendingDays). Default PAID." }),
  ...referralSettingsShape,
});

export async function getProgramSettings(db: DbOrTx, actor: Actor): Promise<ProgramSettings> {
  return toSettings(await db.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: SELECT }));
}

export async function updateProgramSettings(db: DbOrTx, actor: Actor, input: z.input<typeof updateSettingsInput>): Promise<ProgramSettings> {
  const data = updateSettingsInput.parse(input);
  const before = await getProgramSettings(db, actor);
  if (data.currency !== before.currency && !isCurrencyCode(data.currency)) {
    throw new AppError("VALIDATION_ERROR", `Invalid request: currency: ${CURRENCY_MESSAGE}.`);
  }
  const { tiers, ...columns } = data;
  const after = toSettings(
    await db.business.update({
      where: { id: actor.businessId },
      data: { ...columns, ...(tiers && { tiers: tiers as Prisma.InputJsonValue }) },
      select: SELECT,
    }),
  );
  const details = fieldChanges(before, after, Object.keys(data) as (keyof typeof data)[]);
  if (details) {
    await recordAudit(db, actor, { action: "settings.updated", targetType: "business", targetId: actor.businessId, details });
  }
  if (details && ("tiers" in details || "tierBasis" in details)) await queueTierReevaluation(db, actor.businessId);
  return after;
}

// In the same transaction as the change: committed together, or not at all. One job per
// business at a time (the key replaces a queued one that has not started).
async function queueTierReevaluation(db: DbOrTx, businessId: string): Promise<void> {
  await db.$executeRaw(Prisma.sql`
    SELECT graphile_worker.add_job('reevaluate_tiers', json_build_object('businessId', ${businessId}::text),
                                   queue_name => 'scheduled', job_key => ${`reevaluate_tiers:${businessId}`})`);
}
