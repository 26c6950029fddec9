// Read-only lookups for the till screen: who is this, where do they stand, and can they have
// their reward yet.
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";
import { getBalance, type Balance } from "../ledger/get-balance";
import type { TierStanding } from "../program/tier-standing";
import { parsePhoneOrId } from "./pos-schemas";
import { loadProgram, rewardProgress, type RewardProgress } from "./reward-progress";

type Standing = TierStanding & Pick<Balance, "pending" | "nextAvailableAt">;

export type TillCustomer = RewardProgress &
  Standing & {
    id: string;
    name: string | null;
    phone: string | null;
    balance: number;
    status: "ACTIVE" | "BLOCKED";
  };

export type TillBalance = RewardProgress & Standing & { customerId: string; balance: number };

export async function findTillCustomer(db: DbOrTx, actor: Actor, phoneOrId: string): Promise<TillCustomer> {
  const ref = parsePhoneOrId(phoneOrId);
  const [customer, program] = await Promise.all([
    db.customer.findFirst({
      // Scoped to the key's business: another business's customer id is simply not found.
      where: { businessId: actor.businessId, erasedAt: null, ...(ref.customerId ? { id: ref.customerId } : { phone: ref.customerPhone }) },
      select: { id: true, name: true, phone: true },
    }),
    loadProgram(db, actor.businessId),
  ]);
  if (!customer) {
    const named = ref.customerId ? `id ${ref.customerId}` : `phone ${ref.customerPhone}`;
    throw new AppError("CUSTOMER_NOT_FOUND", `No customer with ${named} in this business.`);
  }
  const { balance, status, pending, nextAvailableAt, tier, tierMultiplierPercent, qualifyingPoints, nextTier, pointsToNextTier } = await getBalance(db, actor, {
    customerId: customer.id,
  });
  return {
    ...customer,
    balance,
    status,
    pending, nextAvailableAt, tier, tierMultiplierPercent, qualifyingPoints, nextTier, pointsToNextTier,
    ...rewardProgress(balance, program.rewardThreshold),
  };
}

export async function findTillBalance(db: DbOrTx, actor: Actor, phoneOrId: string): Promise<TillBalance> {
  const { id, name: _name, phone: _phone, status: _status, ...rest } = await findTillCustomer(db, actor, phoneOrId);
  return { customerId: id, ...rest };
}
