// Enrolment with the details a store, a till or the portal knows up front. Creating by an
// email (or, without one, a phone) that is already enrolled answers the existing customer, so
// retries and re-imports are harmless; welcome points are awarded in the same transaction, so
// there is never a half-made customer.
import type { DbOrTx } from "../db/client";
import { isUniqueViolation } from "../db/prisma-errors";
import { AppError } from "../errors";
import { awardPoints } from "../ledger";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../actors/actor";
import { createCustomerInput, type CreateCustomerInput } from "./customer-schemas";
import { inTransaction, insertCustomer } from "./resolve-customer";
import { publicCustomer, type PublicCustomer } from "./to-public-customer";

export const WELCOME_POINTS_DESCRIPTION = "Welcome points";

export type SavedCustomer = { customer: PublicCustomer; created: boolean };

export async function createCustomer(db: DbOrTx, actor: Actor, input: CreateCustomerInput): Promise<SavedCustomer> {
  const data = createCustomerInput.parse(input);
  const { businessId } = actor;
  // The identity that makes a retry find the same customer: the email, or for till-only
  // shops the phone. The other identifiers must then be free.
  const identity = data.email ? { email: data.email } : { phone: data.phone };
  const others = data.email ? { phone: data.phone, externalId: data.externalId } : { externalId: data.externalId };
  const byIdentity = (tx: DbOrTx) => tx.customer.findFirst({ where: { businessId, ...identity, erasedAt: null } });
  return inTransaction(db, async (tx) => {
    const existing = await byIdentity(tx);
    if (existing) return { customer: await publicCustomer(tx, businessId, existing), created: false };
    await assertIdentityFree(tx, businessId, others);
    const inserted = await insertCustomer(tx, businessId, { email: data.email, name: data.name, phone: data.phone, externalId: data.externalId, notes: data.notes, birthday: data.birthday ?? null });
    if (!inserted) {
      // A concurrent request enrolled this identity (or took another identifier) first.
      const raced = await byIdentity(tx);
      if (raced) return { customer: await publicCustomer(tx, businessId, raced), created: false };
      throw identityTaken();
    }
    if (data.initialPoints) {
      await awardWelcomePoints(tx, actor, inserted.id, data.initialPoints, data.initialPointsReason);
      // A person giving points by hand is audited, as an adjustment is (a shop's automatic
      // welcome points through its key are not: every sign-up would write a row).
      if (actor.type === "USER") {
        await recordAudit(tx, actor, {
          action: "points.opening", targetType: "customer", targetId: inserted.id,
          details: { points: data.initialPoints, reason: data.initialPointsReason ?? WELCOME_POINTS_DESCRIPTION },
        });
      }
    }
    return { customer: await publicCustomer(tx, businessId, await tx.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id: inserted.id } } })), created: true };
  });
}

// Through the ledger like any award, in the caller's transaction: a customer is never left
// created without the points they were promised. Keyed by the customer, so a retried request
// can tell its welcome was given (see upsert-customer.ts).
export async function awardWelcomePoints(tx: DbOrTx, actor: Actor, customerId: string, points: number, reason = WELCOME_POINTS_DESCRIPTION): Promise<void> {
  await awardPoints(tx, actor, { customerId, amount: points, description: reason, idempotencyKey: welcomeKey(customerId) });
}

export const welcomeKey = (customerId: string) => `welcome-points:${customerId}`;

type Identity = { email?: string | null; phone?: string | null; externalId?: string | null };

// Email, phone and external id each name one customer per business: refuse, with a sentence
// saying which, a value another live customer already holds. The details name that customer
// (id and name, both the caller's own business's) so the portal can link to them.
export async function assertIdentityFree(db: DbOrTx, businessId: string, identity: Identity, exceptId?: string): Promise<void> {
  const { email, phone, externalId } = identity;
  const or = [email && { email }, phone && { phone }, externalId && { externalId }].filter((term) => !!term);
  if (or.length === 0) return;
  const holder = await db.customer.findFirst({ where: { businessId, OR: or, NOT: exceptId ? { id: exceptId } : undefined } });
  if (!holder) return;
  const held = { customerId: holder.id, customerName: holder.name };
  if (email && holder.email === email) throw identityTaken(`the email address ${email}`, held);
  if (phone && holder.phone === phone) throw identityTaken(`the phone number ${phone}`, held);
  throw identityTaken(`the external id ${externalId}`, held);
}

export type IdentityHolder = { customerId: string; customerName: string | null };

export function identityTaken(what = "this email, phone number or external id", holder?: IdentityHolder): AppError {
  return new AppError("ALREADY_EXISTS", `Another customer in this business already has ${what}.`, holder);
}

// A unique violation that slipped past assertIdentityFree (a concurrent write) is the same 409.
export function conflictsAsAppErrors<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw isUniqueViolation(error) ? identityTaken() : error;
  });
}
