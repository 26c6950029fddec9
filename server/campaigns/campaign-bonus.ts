// Which multiplier campaign gives what on an order's lines. Pure, so the stated order is unit
// tested without a database (campaign-bonus.test.ts):
//   1. each line's base points, by the earn rule (order-points.ts);
//   2. the tier multiplier applies to the order's own award, as always;
//   3. a campaign multiplies the base points of the lines it matches (its stores, its product
//      categories), not the tier-multiplied ones: bonus = floor(matching base × (percent − 100) / 100);
//   4. campaigns don't stack: on a line several match, the highest percent wins (a tie: the
//      earliest created), so each line gets at most one campaign's bonus.
export type MultiplierCampaign = {
  id: string; name: string; multiplierPercent: number; storeIds: string[]; categories: string[]; createdAt: Date;
};
export type BonusLine = { points: number; category: string | null };
// positions: the order lines (their index) the bonus is on, so returning them takes it back.
export type PlannedBonus = { campaignId: string; name: string; basePoints: number; points: number; positions: number[] };

export function campaignMatches(campaign: MultiplierCampaign, storeId: string | null, category: string | null): boolean {
  if (campaign.storeIds.length > 0 && (storeId === null || !campaign.storeIds.includes(storeId))) return false;
  if (campaign.categories.length === 0) return true;
  const wanted = category?.toLowerCase();
  return wanted !== undefined && campaign.categories.some((c) => c.toLowerCase() === wanted);
}

const better = (a: MultiplierCampaign, b: MultiplierCampaign) =>
  a.multiplierPercent !== b.multiplierPercent
    ? a.multiplierPercent > b.multiplierPercent
    : a.createdAt.getTime() !== b.createdAt.getTime() ? a.createdAt < b.createdAt : a.id < b.id;

export function planBonuses(campaigns: MultiplierCampaign[], storeId: string | null, lines: BonusLine[]): PlannedBonus[] {
  const base = new Map<string, number>();
  const positions = new Map<string, number[]>();
  for (const [position, line] of lines.entries()) {
    if (line.points <= 0) continue;
    let best: MultiplierCampaign | null = null;
    for (const campaign of campaigns) {
      if (campaignMatches(campaign, storeId, line.category) && (!best || better(campaign, best))) best = campaign;
    }
    if (best) {
      base.set(best.id, (base.get(best.id) ?? 0) + line.points);
      positions.set(best.id, [...(positions.get(best.id) ?? []), position]);
    }
  }
  return campaigns
    .filter((c) => base.has(c.id))
    .map((c) => {
      const basePoints = base.get(c.id)!;
      return { campaignId: c.id, name: c.name, basePoints, points: Math.floor((basePoints * (c.multiplierPercent - 100)) / 100), positions: positions.get(c.id)! };
    })
    .filter((b) => b.points > 0);
}
