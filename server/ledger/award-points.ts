import { enrolCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { toLedgerResult, type LedgerResult } from "./ledger-result";
import { awardInput, type AwardInput } from "./ledger-schemas";
import { writeLedger } from "./write-ledger";

// Credits points and opens a lot that expires at expiresAt (or the business default). A
// customer named by email, phone or external id who isn't enrolled yet is enrolled here.
export async function awardPoints(db: DbOrTx, actor: Actor, input: AwardInput): Promise<LedgerResult & { customerCreated: boolean }> {
  const data = awardInput.parse(input);
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now()) {
    throw new AppError("VALIDATION_ERROR", "Invalid request: expiresAt must be in the future.");
  }
  const customer = await enrolCustomer(db, actor.businessId, { ...data, name: data.customerName });
  const result = await writeLedger(db, actor, {
    op: "award",
    customerId: customer.id,
    points: data.amount,
    description: data.description,
    reference: data.reference,
    idempotencyKey: data.idempotencyKey ?? data.referenceId,
    metadata: data.metadata,
    expiresAt: data.expiresAt,
  });
  return { ...toLedgerResult(result), customerCreated: customer.created && !result.replay };
}
