import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { toLedgerResult, type LedgerResult } from "./ledger-result";
import { awardInput, type AwardInput, idempotencyKeyOf } from "./ledger-schemas";
import { writeLedger } from "./write-ledger";

// Credits points and opens a lot that expires at expiresAt (or the business default). A
// customer named by email, phone or external id who isn't enrolled yet is enrolled by the same
// statement (ledger_write), so a refused award leaves no new customer behind.
export async function awardPoints(
  db: DbOrTx,
  actor: Actor,
  input: AwardInput,
  options: { hashInput?: unknown } = {},
): Promise<LedgerResult & { customerCreated: boolean }> {
  const data = awardInput.parse(input);
  const result = await writeLedger(db, actor, {
    op: "award",
    customerId: data.customerId,
    enrol: data.customerId
      ? undefined
      : { email: data.customerEmail, phone: data.customerPhone, externalId: data.externalId, name: data.customerName },
    points: data.amount,
    description: data.description,
    reference: data.reference,
    idempotencyKey: idempotencyKeyOf(data),
    metadata: data.metadata,
    expiresAt: data.expiresAt,
    storeId: data.storeId,
    skipMultiplier: data.skipMultiplier,
    availableAt: data.availableAt,
    hashInput: options.hashInput,
  });
  return { ...toLedgerResult(result), customerCreated: result.customerCreated };
}
