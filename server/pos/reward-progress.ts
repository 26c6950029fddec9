// The loyalty programme as a till needs it: how points are earned and when a reward is due.
import type { DbOrTx } from "../db/client";
import type { EarnSettings } from "./earn-points";

export type Program = EarnSettings & { rewardThreshold: number | null; currency: string };

export type RewardProgress = { rewardThreshold: number | null; rewardAvailable: boolean; pointsToNextReward: number | null };

export async function loadProgram(db: DbOrTx, businessId: string): Promise<Program> {
  // The business comes from an authenticated key, so it exists; a miss is a bug, not a 404.
  return db.business.findUniqueOrThrow({
    where: { id: businessId },
    select: { earnMode: true, earnRate: true, rewardThreshold: true, currency: true },
  });
}

// The threshold an answer was first given with (stored with its idempotency key), so a replay
// shows the till what it showed the first time even if the owner changed it since.
export function shownThreshold(context: Record<string, unknown> | null, current: number | null): number | null {
  return context && "rewardThreshold" in context ? (context.rewardThreshold as number | null) : current;
}

// No threshold means the business runs no reward at the till: never available, nothing to go.
export function rewardProgress(balance: number, rewardThreshold: number | null): RewardProgress {
  if (rewardThreshold === null) return { rewardThreshold, rewardAvailable: false, pointsToNextReward: null };
  return { rewardThreshold, rewardAvailable: balance >= rewardThreshold, pointsToNextReward: Math.max(0, rewardThreshold - balance) };
}
