// The business's programme settings: what a point is worth and how points are earned, read and
// changed by the portal's settings page and by GET/PUT /api/v1/program alike. Every change is
// audited with the before and after of the fields that moved. Tiers are shown here; editing
// them (with multipliers and a basis) comes with the tier rules themselves.
import { z } from "zod";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import { storableText } from "../storable";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";

const SELECT = { name: true, currency: true, pointValuePer100: true, earnMode: true, earnRate: true, rewardThreshold: true, pointExpiryDays: true, expiringSoonDays: true, tiers: true } as const;

export const tierSchema = z.object({
  name: z.string().meta({ description: "The tier's name, as customers' `tier` shows it." }),
  minLifetimePoints: z.int().meta({ description: "Points earned over the customer's lifetime that qualify for it." }),
});

export type ProgramSettings = {
  name: string;
  currency: string;
  pointValuePer100: number;
  earnMode: "SPEND" | "UNIT";
  earnRate: number;
  rewardThreshold: number | null;
  pointExpiryDays: number | null;
  expiringSoonDays: number;
  tiers: z.infer<typeof tierSchema>[];
};

// The stored tiers JSON, as the API shows it (anything unexpected in it is left out).
const toSettings = (row: Omit<ProgramSettings, "tiers"> & { tiers: unknown }): ProgramSettings => ({
  ...row,
  tiers: z.array(tierSchema).catch([]).parse(row.tiers),
});

export const updateSettingsInput = z.object({
  // Storable text: a lone surrogate or a NUL would make Postgres refuse the row (a 500).
  name: storableText(120).pipe(z.string().min(1, "the business needs a name")),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "use a 3-letter ISO currency code such as USD"),
  pointValuePer100: z.number().int().min(0).max(1_000_000),
  earnMode: z.enum(["SPEND", "UNIT"]),
  earnRate: z.number().int().min(1, "earn rate must be at least 1").max(100_000),
  rewardThreshold: z.number().int().min(1).max(100_000_000).nullable(),
  pointExpiryDays: z.number().int().min(1).max(3650).nullable(),
  // How many days before a lot of points expires the points.expiring_soon webhook goes out.
  // Optional: callers that predate it leave the business's value as it is.
  expiringSoonDays: z.number().int().min(1, "warn at least 1 day before").max(365, "warn at most 365 days before").optional(),
});

export async function getProgramSettings(db: DbOrTx, actor: Actor): Promise<ProgramSettings> {
  return toSettings(await db.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: SELECT }));
}

export async function updateProgramSettings(db: DbOrTx, actor: Actor, input: z.input<typeof updateSettingsInput>): Promise<ProgramSettings> {
  const data = updateSettingsInput.parse(input);
  const before = await getProgramSettings(db, actor);
  const after = toSettings(await db.business.update({ where: { id: actor.businessId }, data, select: SELECT }));
  const details = fieldChanges(before, after, Object.keys(data) as (keyof typeof data)[]);
  if (details) {
    await recordAudit(db, actor, { action: "settings.updated", targetType: "business", targetId: actor.businessId, details });
  }
  return after;
}
