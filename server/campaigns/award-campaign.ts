// A campaign's points: each award is its own ledger entry naming the campaign ("Campaign:
// <name>", metadata campaignId), never multiplied by the tier (the bonus is the campaign's
// own number), with a reserved idempotency key (campaign:...) so a job run twice or a replayed
// enrolment awards once. Each entry is also linked in campaign_awards, in the same
// transaction, which is what points-per-campaign counts.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { writeLedger, type WriteRequest } from "../ledger/write-ledger";

export type CampaignRef = { id: string; name: string };

export type CampaignAward = {
  campaign: CampaignRef;
  customerId: string;
  points: number;
  key: string | null;
  orderId?: string | null;
  storeId?: string | null;
  availableAt?: Date | null;
  // Now: spendable at once (a welcome or a present has no return window); absent: pending like
  // the order's own award, for the program's pendingDays.
  // An order's reissued bonus after a partial refund: goes through as the order's own did.
  byOwner?: boolean;
  description?: string;
};

// An availableAt the ledger takes as "spendable now": a minute back, since the database's now()
// is its transaction's start, which may be a moment before this runs (a later availableAt
// would leave the points pending until the next release run).
export const SPENDABLE_NOW = () => new Date(Date.now() - 60_000);

export const campaignDescription = (campaign: CampaignRef) => `Campaign: ${campaign.name}`.slice(0, 500);

export async function awardCampaign(tx: DbOrTx, actor: Actor, award: CampaignAward): Promise<{ entryId: string; points: number; replay: boolean }> {
  const request: WriteRequest = {
    op: "award",
    customerId: award.customerId,
    points: award.points,
    description: award.description ?? campaignDescription(award.campaign),
    idempotencyKey: award.key,
    // "The same award" is the key's: a job run again after the campaign was renamed or its
    // points changed replays the first award instead of being refused as a different request.
    hashInput: award.key ? ["campaign", award.key] : undefined,
    metadata: { campaignId: award.campaign.id, ...(award.orderId ? { orderId: award.orderId } : {}) },
    storeId: award.storeId ?? null,
    skipMultiplier: true,
    availableAt: award.availableAt ?? null,
    byOwner: award.byOwner,
  };
  const result = await writeLedger(tx, actor, request);
  const entry = result.entry!;
  await linkEntry(tx, actor.businessId, { campaignId: award.campaign.id, customerId: award.customerId, entryId: entry.id, orderId: award.orderId ?? null, points: entry.points, key: award.key });
  return { entryId: entry.id, points: entry.points, replay: result.replay };
}

type Link = { campaignId: string; customerId: string; entryId: string; orderId: string | null; points: number; key: string | null };

// A replayed award links nothing new (the entry is already linked).
export async function linkEntry(tx: DbOrTx, businessId: string, link: Link): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "campaign_awards" ("business_id", "campaign_id", "customer_id", "entry_id", "order_id", "points", "key")
    VALUES (${businessId}::uuid, ${link.campaignId}::uuid, ${link.customerId}::uuid, ${link.entryId}::uuid, ${link.orderId}::uuid, ${link.points}, ${link.key})
    ON CONFLICT DO NOTHING`);
}
