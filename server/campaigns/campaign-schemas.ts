// Campaigns as the REST API and the portal send them: one schema for both and for OpenAPI.
import { z } from "zod";
import { positivePoints, storeRefSchema } from "../ledger/ledger-schemas";
import { storableDate, storableText } from "../storable";

export const campaignKinds = ["SIGNUP", "BIRTHDAY", "MULTIPLIER"] as const;
export type CampaignKind = (typeof campaignKinds)[number];

export const MIN_MULTIPLIER_PERCENT = 101;
export const MAX_MULTIPLIER_PERCENT = 1000;
const MAX_FILTERS = 50;

const name = storableText(120).pipe(z.string().trim().min(1, "the campaign needs a name"));
// As products store it (trimmed, inner whitespace collapsed); matched case-insensitively.
const category = storableText(100)
  .transform((c) => c.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "a category can't be empty"));

const campaignShape = {
  name,
  kind: z.enum(campaignKinds, `must be one of ${campaignKinds.join(", ")}`).meta({
    description: "SIGNUP: `points` once to each customer enrolled while it runs; BIRTHDAY: `points` on the customer's birthday, once a year; MULTIPLIER: extra points on orders' matching lines.",
  }),
  points: positivePoints.nullable().optional().meta({ description: "SIGNUP and BIRTHDAY: the bonus." }),
  multiplierPercent: z
    .int("must be a whole percent")
    .min(MIN_MULTIPLIER_PERCENT, `must be at least ${MIN_MULTIPLIER_PERCENT} (200 = double points)`)
    .max(MAX_MULTIPLIER_PERCENT, `must be at most ${MAX_MULTIPLIER_PERCENT}`)
    .nullable()
    .optional()
    .meta({ description: "MULTIPLIER: 200 = double the base points of the matching lines (the bonus is the extra 100%)." }),
  startsAt: storableDate.nullable().optional().meta({ description: "From (ISO 8601); required for MULTIPLIER." }),
  endsAt: storableDate.nullable().optional().meta({ description: "Until, exclusive (ISO 8601); required for MULTIPLIER." }),
  storeIds: z.array(storeRefSchema).max(MAX_FILTERS, `at most ${MAX_FILTERS} stores`).optional()
    .meta({ description: "MULTIPLIER: only orders at these stores (our id or your code); empty: any store." }),
  categories: z.array(category).max(MAX_FILTERS, `at most ${MAX_FILTERS} categories`).optional()
    .meta({ description: "MULTIPLIER: only lines whose product has one of these categories (any case); empty: any line." }),
  active: z.boolean({ error: "must be true or false" }).optional().meta({ description: "false: ended (campaigns are never deleted). Default true." }),
};

export type CampaignFields = {
  kind: CampaignKind; points?: number | null; multiplierPercent?: number | null; startsAt?: Date | null; endsAt?: Date | null;
  storeIds?: string[]; categories?: string[];
};

// The rules between fields, on a new campaign and on a campaign with its changes applied.
export function campaignFieldProblem(v: CampaignFields): { path: string; message: string } | null {
  if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) return { path: "endsAt", message: "endsAt must be after startsAt" };
  if (v.kind === "MULTIPLIER") {
    if (!v.multiplierPercent) return { path: "multiplierPercent", message: "a MULTIPLIER campaign needs multiplierPercent" };
    if (!v.startsAt || !v.endsAt) return { path: "startsAt", message: "a MULTIPLIER campaign needs startsAt and endsAt" };
    if (v.points) return { path: "points", message: "points applies to SIGNUP and BIRTHDAY campaigns only" };
    return null;
  }
  if (!v.points) return { path: "points", message: `a ${v.kind} campaign needs points` };
  if (v.multiplierPercent) return { path: "multiplierPercent", message: "multiplierPercent applies to MULTIPLIER campaigns only" };
  if (v.storeIds?.length || v.categories?.length) return { path: "storeIds", message: "storeIds and categories apply to MULTIPLIER campaigns only" };
  return null;
}

export const createCampaignInput = z.object(campaignShape).superRefine((v, ctx) => {
  const problem = campaignFieldProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: [problem.path] });
});

// The kind is what the campaign is: it never changes (end it and create another).
const { kind: _kind, ...changeable } = campaignShape;
const changesShape = { ...changeable, name: name.optional() };
const hasChange = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const NO_CHANGE = { message: "send at least one field to change", path: ["name"] };
export const campaignChangesInput = z.object(changesShape).refine(hasChange, NO_CHANGE);
export const updateCampaignInput = z.object({ id: z.string().max(100), ...changesShape }).refine(({ id: _id, ...rest }) => hasChange(rest), NO_CHANGE);

export const campaignIdParams = z.object({ id: z.string().max(100).meta({ description: "The campaign id (a UUID).", format: "uuid" }) });

const booleanQuery = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");
export const listCampaignsInput = z.object({
  active: booleanQuery.optional().meta({ description: "Only active (true) or ended (false) campaigns." }),
  kind: z.string().trim().toUpperCase().pipe(z.enum(campaignKinds, `must be one of ${campaignKinds.join(", ")}`)).optional(),
});

export type CreateCampaignInput = z.input<typeof createCampaignInput>;
export type UpdateCampaignInput = z.input<typeof updateCampaignInput>;
export type ListCampaignsInput = z.input<typeof listCampaignsInput>;
