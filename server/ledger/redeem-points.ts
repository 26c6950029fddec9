import { customerIdFor } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { toLedgerResult, type LedgerResult } from "./ledger-result";
import { idempotencyKeyOf, redeemInput, type RedeemInput } from "./ledger-schemas";
import { writeLedger } from "./write-ledger";

// Spends points from the soonest-expiring lots. Short of points: INSUFFICIENT_POINTS, nothing written.
export async function redeemPoints(
  db: DbOrTx,
  actor: Actor,
  input: RedeemInput,
  // storeLenient: a till's free-text storeId (see WriteRequest).
  options: { context?: Record<string, unknown>; storeLenient?: boolean } = {},
): Promise<LedgerResult> {
  const data = redeemInput.parse(input);
  const customerId = await customerIdFor(db, actor.businessId, data);
  const result = await writeLedger(db, actor, {
    op: "redeem",
    customerId,
    points: data.amount,
    description: data.description,
    reference: data.reference,
    idempotencyKey: idempotencyKeyOf(data),
    metadata: data.metadata,
    storeId: data.storeId,
    storeLenient: options.storeLenient,
    context: options.context,
  });
  return toLedgerResult(result);
}
