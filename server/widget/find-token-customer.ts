// The customer a verified token names. The claim is the store's own id for them (externalId),
// or failing that their email: a store that keeps no ids of ours signs what it has. externalId
// is tried first, as it is what the store controls; an erased customer is nobody.
// A token for someone who is not a customer yet is valid (the store vouches for them) but
// names no account: the widget then shows the programme and how to join, and no account is
// made here. Enrolment stays with the store's backend (its first order or award through the
// API), which knows the person's details and whether they agreed to join; a widget that
// enrolled everyone who opened it would fill the customer list with people who never bought.
import { z } from "zod";
import { findCustomer } from "../customers/resolve-customer";
import { normalizeEmail } from "../customers/normalize-identity";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";

export type TokenCustomer = { id: string; status: "ACTIVE" | "BLOCKED" };

// Who a verified token names: a store's claim (the customer's externalId or email), or, for our
// member page's session, our own customer id. The id is never turned back into a claim: a
// customer whose email is another's externalId would then be read as that other customer.
export type TokenSubject = { claim: string } | { customerId: string };

// The subject as one string (rate-limit keys): the two kinds can't collide.
export function subjectKey(subject: TokenSubject): string {
  return "customerId" in subject ? `id:${subject.customerId}` : `claim:${subject.claim}`;
}

export async function findTokenCustomer(db: DbOrTx, businessId: string, subject: TokenSubject): Promise<TokenCustomer | null> {
  if ("customerId" in subject) return findCustomer(db, businessId, { customerId: subject.customerId });
  const { claim } = subject;
  const byExternalId = await findCustomer(db, businessId, { externalId: claim });
  if (byExternalId) return byExternalId;
  if (!z.email().safeParse(claim).success) return null;
  return findCustomer(db, businessId, { customerEmail: normalizeEmail(claim) });
}

export async function requireTokenCustomer(db: DbOrTx, businessId: string, subject: TokenSubject): Promise<TokenCustomer> {
  const customer = await findTokenCustomer(db, businessId, subject);
  if (!customer) throw new AppError("CUSTOMER_NOT_FOUND", "You are not a member of this loyalty programme yet: your first purchase makes you one.");
  return customer;
}
