import { customerIdFor } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import type { LedgerEntry } from "./ledger-entry";
import { expireInput, type ExpireInput, idempotencyKeyOf } from "./ledger-schemas";
import { writeLedger } from "./write-ledger";

export type ExpireResult = { expired: number; transaction: LedgerEntry | null; balance: number; replay: boolean };

// Manual expiry for one customer: every lot past `before` (default now), or FIFO up to
// `amount` of those. Nothing due: no entry, expired 0, and the balance as it stands.
export async function expirePoints(db: DbOrTx, actor: Actor, input: ExpireInput): Promise<ExpireResult> {
  const data = expireInput.parse(input);
  const customerId = await customerIdFor(db, actor.businessId, data);
  const result = await writeLedger(db, actor, {
    op: "expire",
    customerId,
    before: data.before ?? null,
    amount: data.amount,
    description: data.description ?? "Points expired",
    idempotencyKey: idempotencyKeyOf(data),
  });
  const entry = result.entry;
  return { expired: entry ? -entry.points : 0, transaction: entry, balance: result.balance, replay: result.replay };
}
