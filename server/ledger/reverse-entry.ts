import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { toLedgerResult, type LedgerResult } from "./ledger-result";
import { idempotencyKeyOf, reverseInput, type ReverseInput } from "./ledger-schemas";
import { writeLedger } from "./write-ledger";

// Undoes an award, redemption or adjustment, once. A reversed debit gives back exactly the
// lots it consumed (original expiry kept); a reversed credit takes back what is left of it.
export async function reverseEntry(db: DbOrTx, actor: Actor, input: ReverseInput): Promise<LedgerResult> {
  const data = reverseInput.parse(input);
  const result = await writeLedger(db, actor, {
    op: "reverse",
    entryId: data.entryId,
    description: data.reason,
    idempotencyKey: idempotencyKeyOf(data),
  });
  return toLedgerResult(result);
}
