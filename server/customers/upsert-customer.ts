// PUT /customers/{externalId}: a store keeps its customer list in step with ours by its own
// id. A customer first met by email (at the till, say) who has no external id yet gets the
// store's id attached instead of a duplicate being enrolled.
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { assertIdentityFree, conflictsAsAppErrors, identityTaken, type SavedCustomer } from "./create-customer";
import { upsertCustomerInput, type UpsertCustomerInput } from "./customer-schemas";
import { inTransaction, insertCustomer } from "./resolve-customer";
import { toPublicCustomer } from "./to-public-customer";

export async function upsertCustomerByExternalId(db: DbOrTx, actor: Actor, input: UpsertCustomerInput): Promise<SavedCustomer> {
  const data = upsertCustomerInput.parse(input);
  const { businessId } = actor;
  const work = inTransaction(db, async (tx) => {
    const live = { businessId, erasedAt: null };
    const target =
      (await tx.customer.findFirst({ where: { ...live, externalId: data.externalId } })) ??
      (data.email ? await tx.customer.findFirst({ where: { ...live, email: data.email, externalId: null } }) : null);

    if (!target) {
      // A concurrent PUT of the same external id may commit at any point from here on: PUT is
      // idempotent, so its customer is our answer. Any other clash is a real conflict.
      const winner = () => tx.customer.findFirst({ where: { ...live, externalId: data.externalId } });
      const conflict = await assertIdentityFree(tx, businessId, data).then(() => null, (error: unknown) => error);
      const inserted = conflict ? null : await insertCustomer(tx, businessId, data);
      if (!inserted) {
        const row = await winner();
        if (row) return { customer: toPublicCustomer(row), created: false };
        throw conflict ?? identityTaken();
      }
      return { customer: toPublicCustomer(await tx.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id: inserted.id } } })), created: true };
    }

    const wanted = { externalId: data.externalId, email: data.email, name: data.name, phone: data.phone };
    const changes = Object.fromEntries(Object.entries(wanted).filter(([field, value]) => value !== undefined && value !== target[field as keyof typeof wanted]));
    if (Object.keys(changes).length === 0) return { customer: toPublicCustomer(target), created: false };
    await assertIdentityFree(tx, businessId, changes, target.id);
    const row = await tx.customer.update({ where: { businessId_id: { businessId, id: target.id } }, data: changes });
    await recordAudit(tx, actor, { action: "customer.updated", targetType: "customer", targetId: target.id, details: { fields: Object.keys(changes) } });
    return { customer: toPublicCustomer(row), created: false };
  });
  return conflictsAsAppErrors(work);
}
