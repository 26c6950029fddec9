// The widget API's answers as the browser receives them (dates are ISO strings). Mirrors
// server/widget/get-widget-program.ts, get-widget-member.ts and list-widget-activity.ts.
export type Reward = { id: string; title: string; description: string | null; pointsCost: number; validUntil: string | null };
export type Tier = { name: string; minPoints: number; multiplierPercent: number };

export type Program = {
  business: { name: string; currency: string; pointValuePer100: number };
  appearance: { primaryColor: string; launcherText: string };
  earn: { mode: "SPEND" | "UNIT"; rate: number; pendingDays: number; pointExpiryDays: number | null };
  tiers: Tier[];
  rewards: Reward[];
  referral: { referrerPoints: number; refereePoints: number; minimumOrder: number } | null;
};

export type Member =
  | { member: false }
  | {
      member: true;
      name: string | null;
      balance: number;
      pending: number;
      nextAvailableAt: string | null;
      expiringSoon: { points: number; withinDays: number; nextExpiryAt: string | null };
      tier: string | null;
      qualifyingPoints: number;
      nextTier: Tier | null;
      pointsToNextTier: number | null;
      blocked: boolean;
    };

export type Page<T> = { items: T[] };
export type Entry = { id: string; type: string; points: number; description: string | null; createdAt: string };
export type Redemption = { id: string; rewardId: string; rewardTitle: string; points: number; couponCode: string | null; status: string; createdAt: string };
export type Referral = { code: string | null; shareUrl: string | null; referrerPoints: number; refereePoints: number; referrals: { pending: number; completed: number } };
export type RedeemAnswer = { redemption: Redemption; balanceAfter: number };
