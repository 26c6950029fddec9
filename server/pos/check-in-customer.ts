// "Phone in, answer out": a till sends who and what was bought; the business's earn settings
// decide the points, and the answer tells the cashier whether a reward is now due.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { idempotencyKeyOf } from "../ledger/ledger-schemas";
import type { LedgerEntry } from "../ledger";
import { writeLedger } from "../ledger/write-ledger";
import { earnPoints } from "./earn-points";
import { checkinInput, type CheckinInput } from "./pos-schemas";
import { loadProgram, rewardProgress, shownThreshold, type RewardProgress } from "./reward-progress";

export type CheckinResult = RewardProgress & {
  customerId: string;
  customerCreated: boolean;
  pointsAwarded: number;
  totalPoints: number;
  transaction: LedgerEntry | null;
  replay: boolean;
};

// Idempotency is about what the till sent, not the points it earned under today's rates: a retry
// after the earn rate changed replays the original answer instead of being refused as a different
// request, whichever way the points came out this time. Shaped exactly as it always was, so keys
// stored by earlier releases keep matching their retries (check-in-customer.test.ts).
export function checkinHashInput(data: { customerId?: string; phone?: string; amount?: number; units?: number; storeId?: string }) {
  return { customer: { customerId: data.customerId, customerPhone: data.phone }, amount: data.amount ?? null, units: data.units ?? null, storeId: data.storeId ?? null };
}

export async function checkInCustomer(db: DbOrTx, actor: Actor, input: CheckinInput): Promise<CheckinResult> {
  const data = checkinInput.parse(input);
  const program = await loadProgram(db, actor.businessId);
  const points = earnPoints(program, data);
  // The purchase behind the points goes on the entry too, so a disputed award can be checked.
  const metadata = {
    ...(data.storeId !== undefined && { storeId: data.storeId }),
    ...(data.amount !== undefined && { amount: data.amount }),
    ...(program.earnMode === "UNIT" && { units: data.units ?? 1 }),
  };
  const result = await writeLedger(db, actor, {
    // A spend too small to earn a point writes no entry (the ledger holds no zero entries), but
    // the till still gets the customer's standing, and a new phone number still joins.
    op: points > 0 ? "award" : "enrol",
    customerId: data.customerId,
    enrol: data.customerId ? undefined : { phone: data.phone },
    points,
    description: "Checkin",
    idempotencyKey: idempotencyKeyOf(data),
    metadata,
    // Recorded on the entry when it names one of the business's stores; a business with no
    // stores set up keeps the free text tills always sent (in the metadata above).
    storeId: data.storeId,
    storeLenient: true,
    hashInput: checkinHashInput(data),
    context: { rewardThreshold: program.rewardThreshold },
  });
  const threshold = shownThreshold(result.context, program.rewardThreshold);
  return {
    customerId: result.customerId,
    customerCreated: result.customerCreated,
    pointsAwarded: result.entry?.points ?? 0,
    totalPoints: result.balance,
    ...rewardProgress(result.balance, threshold),
    transaction: result.entry,
    replay: result.replay,
  };
}
