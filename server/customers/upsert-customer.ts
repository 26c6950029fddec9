// PUT /customers/{externalId}: a store keeps its customer list in step with ours by its own
// id. A customer first met by email (at the till, say) who has no external id yet gets the
// store's id attached instead of a duplicate being enrolled.
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../actors/actor";
import { assertIdentityFree, awardWelcomePoints, welcomeKey, conflictsAsAppErrors, identityTaken, type SavedCustomer } from "./create-customer";
import { upsertCustomerInput, type UpsertCustomerInput } from "./customer-schemas";
import { inTransaction, insertCustomer } from "./resolve-customer";
import { publicCustomer } from "./to-public-customer";

export async function upsertCustomerByExternalId(db: DbOrTx, actor: Actor, input: UpsertCustomerInput): Promise<SavedCustomer> {
  const data = upsertCustomerInput.parse(input);
  const { businessId } = actor;
  const work = inTransaction(db, async (tx) => {
    const live = { businessId, erasedAt: null };
    const byExternalId = await tx.customer.findFirst({ where: { ...live, externalId: data.externalId } });
    if (!byExternalId) await refuseOurOwnId(tx, businessId, data.externalId);
    const target =
      byExternalId ?? (data.email ? await tx.customer.findFirst({ where: { ...live, email: data.email, externalId: null } }) : null);

    if (!target) {
      // A concurrent PUT of the same external id may commit at any point from here on: PUT is
      // idempotent, so its customer is our answer. Any other clash is a real conflict.
      const winner = () => tx.customer.findFirst({ where: { ...live, externalId: data.externalId } });
      const conflict = await assertIdentityFree(tx, businessId, data).then(() => null, (error: unknown) => error);
      const { initialPoints, ...fields } = data;
      const inserted = conflict ? null : await insertCustomer(tx, businessId, fields);
      if (!inserted) {
        const row = await winner();
        if (row) return update(row);
        throw conflict ?? identityTaken();
      }
      if (initialPoints) await awardWelcomePoints(tx, actor, inserted.id, initialPoints);
      return { customer: await publicCustomer(tx, businessId, await tx.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id: inserted.id } } })), created: true };
    }
    return update(target);

    // An existing customer: the fields that differ change. initialPoints only repeat a creation:
    // the customer exactly as sent, with that welcome given (a retry, or a duplicate that lost the
    // race to create it) is a 200 that changes nothing; anything else is refused.
    async function welcomeGiven(customerId: string, points: number): Promise<boolean> {
      const welcome = await tx.ledgerEntry.findFirst({ where: { businessId, customerId, idempotencyKey: welcomeKey(customerId) }, select: { points: true } });
      return welcome?.points === points;
    }

    async function update(target: NonNullable<typeof byExternalId>): Promise<SavedCustomer> {
      const wanted = { externalId: data.externalId, email: data.email, name: data.name, phone: data.phone, notes: data.notes };
      const changes = Object.fromEntries(Object.entries(wanted).filter(([field, value]) => value !== undefined && value !== target[field as keyof typeof wanted]));
      if (data.initialPoints && (Object.keys(changes).length > 0 || !(await welcomeGiven(target.id, data.initialPoints)))) refuseInitialPoints(data);
      if (Object.keys(changes).length === 0) return { customer: await publicCustomer(tx, businessId, target), created: false };
      await assertIdentityFree(tx, businessId, changes, target.id);
      const row = await tx.customer.update({ where: { businessId_id: { businessId, id: target.id } }, data: changes });
      await recordAudit(tx, actor, { action: "customer.updated", targetType: "customer", targetId: target.id, details: { fields: Object.keys(changes) } });
      return { customer: await publicCustomer(tx, businessId, row), created: false };
    }
  });
  return conflictsAsAppErrors(work);
}

// Welcome points belong to an enrolment. On an update they would be points from nowhere, and a
// retried PUT would award them twice; an existing customer gets points through the ledger.
function refuseInitialPoints(data: { externalId: string; initialPoints?: number }): void {
  if (!data.initialPoints) return;
  throw new AppError(
    "VALIDATION_ERROR",
    `Invalid request: initialPoints applies only when the customer is created, and external id ${data.externalId} already names a customer; nothing was changed. Award points with POST /points/award.`,
  );
}

// Our own customer id in the path is almost always a client that meant PATCH /customers/{id}:
// taken as an external id it would enrol a second customer under the first one's id.
async function refuseOurOwnId(tx: DbOrTx, businessId: string, externalId: string): Promise<void> {
  if (!z.guid().safeParse(externalId).success) return;
  const owner = await tx.customer.findFirst({ where: { businessId, id: externalId.toLowerCase(), erasedAt: null }, select: { id: true } });
  if (!owner) return;
  throw new AppError(
    "CONFLICT",
    `${externalId} is our id for an existing customer, not an external id. To change that customer use PATCH /customers/${owner.id}; PUT /customers/{externalId} takes your own id for the customer.`,
  );
}
