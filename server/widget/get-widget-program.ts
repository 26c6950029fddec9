// What anyone on the store's page may see, token or not: how points are earned and what they
// are worth, the tiers, the rewards on offer and what a referral brings, plus the widget's look.
// Only the programme's public face: no counts, no stock figures, nothing about customers.
import type { DbOrTx } from "../db/client";
import { tiersSchema, type Tier } from "../program/tier-schemas";
import type { Widget } from "./find-widget";

export type WidgetReward = { id: string; title: string; description: string | null; pointsCost: number; validUntil: Date | null };

export type WidgetProgram = {
  business: { name: string; currency: string; pointValuePer100: number };
  appearance: { primaryColor: string; launcherText: string };
  earn: { mode: "SPEND" | "UNIT"; rate: number; pendingDays: number; pointExpiryDays: number | null };
  tiers: Tier[];
  rewards: WidgetReward[];
  referral: { referrerPoints: number; refereePoints: number; minimumOrder: number } | null;
};

// Enough for any real catalogue in a widget; the cheapest first.
const MAX_REWARDS = 100;

export async function getWidgetProgram(db: DbOrTx, widget: Widget): Promise<WidgetProgram> {
  const businessId = widget.businessId;
  const now = new Date();
  const [business, rewards] = await Promise.all([
    db.business.findUniqueOrThrow({ where: { id: businessId } }),
    db.reward.findMany({
      where: {
        businessId,
        active: true,
        AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: now } }] }, { OR: [{ validUntil: null }, { validUntil: { gt: now } }] }],
      },
      orderBy: [{ pointsCost: "asc" }, { title: "asc" }, { id: "asc" }],
      take: MAX_REWARDS,
    }),
  ]);
  const referrals = business.referrerPoints > 0 || business.refereePoints > 0;
  return {
    business: { name: business.name, currency: business.currency, pointValuePer100: business.pointValuePer100 },
    appearance: { primaryColor: widget.primaryColor, launcherText: widget.launcherText },
    earn: { mode: business.earnMode, rate: business.earnRate, pendingDays: business.pendingDays, pointExpiryDays: business.pointExpiryDays },
    tiers: tiersSchema.catch([]).parse(business.tiers),
    rewards: rewards.map(toWidgetReward),
    referral: referrals ? { referrerPoints: business.referrerPoints, refereePoints: business.refereePoints, minimumOrder: business.referralMinimumOrder } : null,
  };
}

export function toWidgetReward(r: { id: string; title: string; description: string | null; pointsCost: number; validUntil: Date | null }): WidgetReward {
  return { id: r.id, title: r.title, description: r.description, pointsCost: r.pointsCost, validUntil: r.validUntil };
}
