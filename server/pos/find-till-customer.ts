// Read-only lookups for the till screen: who is this, and can they have their reward yet.
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";
import { withLiveBalance } from "../ledger/live-balance";
import { parsePhoneOrId } from "./pos-schemas";
import { loadProgram, rewardProgress, type RewardProgress } from "./reward-progress";

export type TillCustomer = RewardProgress & {
  id: string;
  name: string | null;
  phone: string | null;
  balance: number;
  tier: string | null;
  status: "ACTIVE" | "BLOCKED";
};

export type TillBalance = RewardProgress & { customerId: string; balance: number };

export async function findTillCustomer(db: DbOrTx, actor: Actor, phoneOrId: string): Promise<TillCustomer> {
  const ref = parsePhoneOrId(phoneOrId);
  const [customer, program] = await Promise.all([
    db.customer.findFirst({
      // Scoped to the key's business: another business's customer id is simply not found.
      where: { businessId: actor.businessId, erasedAt: null, ...(ref.customerId ? { id: ref.customerId } : { phone: ref.customerPhone }) },
      select: { id: true, name: true, phone: true, balance: true, tier: true, status: true },
    }),
    loadProgram(db, actor.businessId),
  ]);
  if (!customer) {
    const named = ref.customerId ? `id ${ref.customerId}` : `phone ${ref.customerPhone}`;
    throw new AppError("CUSTOMER_NOT_FOUND", `No customer with ${named} in this business.`);
  }
  const live = await withLiveBalance(db, actor.businessId, customer);
  return { ...live, ...rewardProgress(live.balance, program.rewardThreshold) };
}

export async function findTillBalance(db: DbOrTx, actor: Actor, phoneOrId: string): Promise<TillBalance> {
  const { id, balance, rewardThreshold, rewardAvailable, pointsToNextReward } = await findTillCustomer(db, actor, phoneOrId);
  return { customerId: id, balance, rewardThreshold, rewardAvailable, pointsToNextReward };
}
