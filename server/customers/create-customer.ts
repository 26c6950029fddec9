// Enrolment with the details a store or the portal knows up front. Creating by an email that
// is already enrolled answers the existing customer (so retries and re-imports are harmless);
// welcome points are awarded in the same transaction, so there is never a half-made customer.
import type { DbOrTx } from "../db/client";
import { isUniqueViolation } from "../db/prisma-errors";
import { AppError } from "../errors";
import { awardPoints } from "../ledger";
import type { Actor } from "../actors/actor";
import { createCustomerInput, type CreateCustomerInput } from "./customer-schemas";
import { inTransaction, insertCustomer } from "./resolve-customer";
import { toPublicCustomer, type PublicCustomer } from "./to-public-customer";

export const WELCOME_POINTS_DESCRIPTION = "Welcome points";

export type SavedCustomer = { customer: PublicCustomer; created: boolean };

export async function createCustomer(db: DbOrTx, actor: Actor, input: CreateCustomerInput): Promise<SavedCustomer> {
  const data = createCustomerInput.parse(input);
  const { businessId } = actor;
  const byEmail = (tx: DbOrTx) => tx.customer.findFirst({ where: { businessId, email: data.email, erasedAt: null } });
  return inTransaction(db, async (tx) => {
    const existing = await byEmail(tx);
    if (existing) return { customer: toPublicCustomer(existing), created: false };
    await assertIdentityFree(tx, businessId, { phone: data.phone, externalId: data.externalId });
    const inserted = await insertCustomer(tx, businessId, { email: data.email, name: data.name, phone: data.phone, externalId: data.externalId });
    if (!inserted) {
      // A concurrent request enrolled this email (or took the phone or external id) first.
      const raced = await byEmail(tx);
      if (raced) return { customer: toPublicCustomer(raced), created: false };
      throw identityTaken();
    }
    if (data.initialPoints) {
      await awardPoints(tx, actor, { customerId: inserted.id, amount: data.initialPoints, description: WELCOME_POINTS_DESCRIPTION });
    }
    return { customer: toPublicCustomer(await tx.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id: inserted.id } } })), created: true };
  });
}

type Identity = { email?: string | null; phone?: string | null; externalId?: string | null };

// Email, phone and external id each name one customer per business: refuse, with a sentence
// saying which, a value another live customer already holds.
export async function assertIdentityFree(db: DbOrTx, businessId: string, identity: Identity, exceptId?: string): Promise<void> {
  const { email, phone, externalId } = identity;
  const or = [email && { email }, phone && { phone }, externalId && { externalId }].filter((term) => !!term);
  if (or.length === 0) return;
  const holder = await db.customer.findFirst({ where: { businessId, OR: or, NOT: exceptId ? { id: exceptId } : undefined } });
  if (!holder) return;
  if (email && holder.email === email) throw identityTaken(`the email address ${email}`);
  if (phone && holder.phone === phone) throw identityTaken(`the phone number ${phone}`);
  throw identityTaken(`the external id ${externalId}`);
}

export function identityTaken(what = "this email, phone number or external id"): AppError {
  return new AppError("ALREADY_EXISTS", `Another customer in this business already has ${what}.`);
}

// A unique violation that slipped past assertIdentityFree (a concurrent write) is the same 409.
export function conflictsAsAppErrors<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw isUniqueViolation(error) ? identityTaken() : error;
  });
}
