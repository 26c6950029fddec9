import { customerIdFor } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { toLedgerResult, type LedgerResult } from "./ledger-result";
import { adjustInput, type AdjustInput, idempotencyKeyOf } from "./ledger-schemas";
import { writeLedger } from "./write-ledger";

// A correction by staff or a back office, always with a reason. Positive opens a lot like an
// award (counted in lifetime earned); negative consumes lots like a redemption (not counted
// as redeemed) and can't overdraw. Works on blocked customers: corrections must stay possible.
export async function adjustPoints(db: DbOrTx, actor: Actor, input: AdjustInput): Promise<LedgerResult> {
  const data = adjustInput.parse(input);
  const customerId = await customerIdFor(db, actor.businessId, data);
  const result = await writeLedger(db, actor, {
    op: "adjust",
    customerId,
    points: data.points,
    description: data.reason,
    reference: data.reference,
    idempotencyKey: idempotencyKeyOf(data),
    metadata: data.metadata,
    storeId: data.storeId,
  });
  return toLedgerResult(result);
}
