// "Phone in, answer out": a till sends who and what was bought; the business's earn settings
// decide the points, and the answer tells the cashier whether a reward is now due.
import { enrolCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { awardPoints, type Actor, type LedgerEntry } from "../ledger";
import { earnPoints } from "./earn-points";
import { checkinInput, type CheckinInput } from "./pos-schemas";
import { loadProgram, rewardProgress, type RewardProgress } from "./reward-progress";

export type CheckinResult = RewardProgress & {
  customerId: string;
  customerCreated: boolean;
  pointsAwarded: number;
  totalPoints: number;
  transaction: LedgerEntry | null;
  replay: boolean;
};

export async function checkInCustomer(db: DbOrTx, actor: Actor, input: CheckinInput): Promise<CheckinResult> {
  const data = checkinInput.parse(input);
  const program = await loadProgram(db, actor.businessId);
  const points = earnPoints(program, data);
  const ref = { customerId: data.customerId, customerPhone: data.phone };
  // Idempotency is about what the till sent, not the points it earned under today's rates:
  // a retry after the earn rate changed must replay, not be refused as a different request.
  const hashInput = { customer: ref, amount: data.amount ?? null, units: data.units ?? null, storeId: data.storeId ?? null };
  const prior = data.idempotencyKey
    ? await db.ledgerEntry.findUnique({ where: { businessId_idempotencyKey: { businessId: actor.businessId, idempotencyKey: data.idempotencyKey } } })
    : null;
  if (points === 0 && !prior) return checkInWithoutPoints(db, actor, ref, program.rewardThreshold);
  // The purchase behind the points goes on the entry too, so a disputed award can be checked.
  const metadata = {
    ...(data.storeId !== undefined && { storeId: data.storeId }),
    ...(data.amount !== undefined && { amount: data.amount }),
    ...(program.earnMode === "UNIT" && { units: data.units ?? 1 }),
  };
  // On a retry the ledger answers with the original entry whatever amount we pass here.
  const amount = prior && prior.points > 0 ? prior.points : points;
  const result = await awardPoints(db, actor, { ...ref, amount, description: "Checkin", idempotencyKey: data.idempotencyKey, metadata }, { hashInput });
  return {
    customerId: result.transaction.customerId,
    customerCreated: result.customerCreated,
    // On a replay the original entry is the truth, even if the earn rate changed since.
    pointsAwarded: result.transaction.points,
    totalPoints: result.balance,
    ...rewardProgress(result.balance, program.rewardThreshold),
    transaction: result.transaction,
    replay: result.replay,
  };
}

// A spend too small to earn a point writes nothing (the ledger holds no zero entries), but the
// till still gets the customer's standing, and a new phone number still joins the programme.
async function checkInWithoutPoints(
  db: DbOrTx,
  actor: Actor,
  ref: { customerId?: string; customerPhone?: string },
  rewardThreshold: number | null,
): Promise<CheckinResult> {
  const enrolled = await enrolCustomer(db, actor.businessId, ref);
  const customer = await db.customer.findFirst({
    where: { businessId: actor.businessId, id: enrolled.id, erasedAt: null },
    select: { balance: true, status: true },
  });
  if (!customer) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");
  // Same answer a blocked customer gets when the checkin would have earned points.
  if (customer.status === "BLOCKED") throw new AppError("CUSTOMER_BLOCKED", "This customer is blocked and can't earn or redeem points.");
  return {
    customerId: enrolled.id,
    customerCreated: enrolled.created,
    pointsAwarded: 0,
    totalPoints: customer.balance,
    ...rewardProgress(customer.balance, rewardThreshold),
    transaction: null,
    replay: false,
  };
}
