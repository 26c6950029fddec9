// A redemption as the API answers it, and the transaction every reward write runs in.
import type { Db, DbOrTx } from "../db/client";
import { dbLimits } from "../db/client";
import type { Redemption } from "../db/generated/client";

export type PublicRedemption = Pick<
  Redemption,
  "id" | "rewardId" | "rewardTitle" | "customerId" | "points" | "couponCode" | "status" | "entryId" | "cancelEntryId" | "cancelReason" | "createdAt" | "cancelledAt"
>;

// A write's answer: the redemption, the customer's balance right after its ledger entry (the
// redeem's, or the cancel's reversal), and whether it was an idempotent replay.
export type RedemptionOutcome = PublicRedemption & { balanceAfter: number; replay: boolean };

export function toPublicRedemption(row: Redemption): PublicRedemption {
  const { businessId: _b, idempotencyKey: _k, ...rest } = row;
  return rest;
}

export async function entryBalanceAfter(db: DbOrTx, businessId: string, entryId: string): Promise<number> {
  const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { businessId_id: { businessId, id: entryId } }, select: { balanceAfter: true } });
  return entry.balanceAfter;
}

// One interactive transaction (or the caller's). Under load many redemptions of one reward
// queue for its row lock: the waits are bounded by the same limits as every statement, not by
// Prisma's 2 s / 5 s defaults, which a busy 2-core machine can exceed without anything wrong.
export async function inRewardTransaction<T>(db: DbOrTx, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const root = db as Partial<Db>;
  if (typeof root.$transaction !== "function") return work(db);
  const limits = dbLimits();
  return root.$transaction((tx) => work(tx), { maxWait: limits.connectTimeoutMs, timeout: limits.statementTimeoutMs });
}
