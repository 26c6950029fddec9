// Campaigns: created, listed, read and changed (ending one is `active: false`; a campaign is
// never deleted, since its ledger entries name it). Every change is audited.
import { z } from "zod";
import type { Actor } from "../actors/actor";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { Prisma, type Campaign } from "../db/generated/client";
import { pgMessage } from "../db/prisma-errors";
import { AppError } from "../errors";
import { campaignFieldProblem, createCampaignInput, listCampaignsInput, updateCampaignInput, type CreateCampaignInput, type UpdateCampaignInput } from "./campaign-schemas";

// With what it has given: net points (awards less what refunds and cancellations took back)
// and the customers it reached.
export type PublicCampaign = Omit<Campaign, "businessId"> & { pointsIssued: number; customers: number };

const AUDITED = ["name", "points", "multiplierPercent", "startsAt", "endsAt", "storeIds", "categories", "active"] as const;

export async function findCampaign(db: DbOrTx, actor: Actor, id: string): Promise<Campaign> {
  const row = z.guid().safeParse(id).success ? await db.campaign.findFirst({ where: { businessId: actor.businessId, id } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such campaign in this business.");
  return row;
}

async function withTotals(db: DbOrTx, rows: Campaign[]): Promise<PublicCampaign[]> {
  if (rows.length === 0) return [];
  const totals = await db.$queryRaw<{ campaignId: string; points: bigint; customers: bigint }[]>(Prisma.sql`
    SELECT "campaign_id"::text AS "campaignId", coalesce(sum("points"), 0) AS "points", count(DISTINCT "customer_id") AS "customers"
      FROM "campaign_awards" WHERE "business_id" = ${rows[0]!.businessId}::uuid AND "campaign_id" = ANY(${rows.map((r) => r.id)}::uuid[])
     GROUP BY "campaign_id"`);
  const byId = new Map(totals.map((t) => [t.campaignId, t]));
  return rows.map(({ businessId: _b, ...row }) => ({ ...row, pointsIssued: Number(byId.get(row.id)?.points ?? 0), customers: Number(byId.get(row.id)?.customers ?? 0) }));
}

// Our store ids or the business's codes for them, as ours; unknown or closed: 400.
async function resolveStores(db: DbOrTx, businessId: string, refs: string[] | undefined): Promise<string[] | undefined> {
  if (refs === undefined) return undefined;
  const ids: string[] = [];
  for (const ref of new Set(refs)) {
    try {
      const [row] = await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT ll_store(${businessId}::uuid, ${ref}, false)::text AS "id"`);
      ids.push(row!.id);
    } catch (error) {
      if (pgMessage(error) !== "STORE_NOT_FOUND") throw error;
      throw new AppError("VALIDATION_ERROR", `Invalid request: storeIds: ${ref} names no open store of this business (give our store id or your store code).`);
    }
  }
  return [...new Set(ids)];
}

const dedupe = (list: string[] | undefined) => (list === undefined ? undefined : [...new Map(list.map((c) => [c.toLowerCase(), c])).values()]);

export async function createCampaign(db: DbOrTx, actor: Actor, input: CreateCampaignInput): Promise<PublicCampaign> {
  const data = createCampaignInput.parse(input);
  const storeIds = await resolveStores(db, actor.businessId, data.storeIds);
  const row = await db.campaign.create({ data: { ...data, storeIds, categories: dedupe(data.categories), businessId: actor.businessId } });
  await recordAudit(db, actor, { action: "campaign.created", targetType: "campaign", targetId: row.id, details: { name: row.name, kind: row.kind } });
  return (await withTotals(db, [row]))[0]!;
}

export async function getCampaign(db: DbOrTx, actor: Actor, input: { id: string }): Promise<PublicCampaign> {
  return (await withTotals(db, [await findCampaign(db, actor, input.id)]))[0]!;
}

// Newest first. Campaigns are few (a handful a season), so the list is whole. The filter as
// the adapters parsed it with listCampaignsInput.
export async function listCampaigns(db: DbOrTx, actor: Actor, filter: z.output<typeof listCampaignsInput> = {}): Promise<{ items: PublicCampaign[] }> {
  const { active, kind } = filter;
  const rows = await db.campaign.findMany({ where: { businessId: actor.businessId, active, kind }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 500 });
  return { items: await withTotals(db, rows) };
}

const auditable = (c: Campaign) => ({ ...c, startsAt: c.startsAt?.toISOString() ?? null, endsAt: c.endsAt?.toISOString() ?? null });

export async function updateCampaign(db: DbOrTx, actor: Actor, input: UpdateCampaignInput): Promise<PublicCampaign> {
  const { id, ...parsed } = updateCampaignInput.parse(input);
  const before = await findCampaign(db, actor, id);
  const changes = { ...parsed, storeIds: await resolveStores(db, actor.businessId, parsed.storeIds), categories: dedupe(parsed.categories) };
  const problem = campaignFieldProblem({ ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) });
  if (problem) throw new AppError("VALIDATION_ERROR", `Invalid request: ${problem.message}.`);
  const row = await db.campaign.update({ where: { businessId_id: { businessId: actor.businessId, id } }, data: changes });
  const details = fieldChanges(auditable(before), auditable(row), AUDITED);
  if (details) await recordAudit(db, actor, { action: "campaign.updated", targetType: "campaign", targetId: id, details });
  return (await withTotals(db, [row]))[0]!;
}
