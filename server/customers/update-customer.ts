// Staff and back-office edits. Blocking and unblocking are audited as their own actions:
// they decide whether the customer can earn and redeem, and an owner may need to explain why.
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import type { Actor } from "../actors/actor";
import { assertIdentityFree, conflictsAsAppErrors } from "./create-customer";
import { birthdayDate, updateCustomerInput, type UpdateCustomerInput } from "./customer-schemas";
import { inTransaction, loadCustomer } from "./resolve-customer";
import { publicCustomer, type PublicCustomer } from "./to-public-customer";

export async function updateCustomer(db: DbOrTx, actor: Actor, input: UpdateCustomerInput): Promise<PublicCustomer> {
  const data = updateCustomerInput.parse(input);
  const work = inTransaction(db, async (tx) => {
    const current = await loadCustomer(tx, actor.businessId, data.id);
    const fields: string[] = (["name", "email", "phone", "externalId", "notes"] as const).filter((field) => data[field] !== undefined && data[field] !== current[field]);
    const birthday = birthdayDate(data.birthday);
    if (birthday !== undefined && birthday?.getTime() !== current.birthday?.getTime()) fields.push("birthday");
    const statusChanged = data.status !== undefined && data.status !== current.status;
    if (fields.length === 0 && !statusChanged) return await publicCustomer(tx, actor.businessId, current);
    const identity = { email: fields.includes("email") ? data.email : null, phone: fields.includes("phone") ? data.phone : null, externalId: fields.includes("externalId") ? data.externalId : null };
    await assertIdentityFree(tx, actor.businessId, identity, current.id);

    const row = await tx.customer.update({
      where: { businessId_id: { businessId: actor.businessId, id: current.id } },
      data: { name: data.name, email: data.email, phone: data.phone, externalId: data.externalId, notes: data.notes, birthday, status: data.status },
    });
    const target = { targetType: "customer", targetId: current.id };
    // Field names only: the audit trail outlives an erasure, so it holds no personal data.
    if (fields.length > 0) await recordAudit(tx, actor, { action: "customer.updated", ...target, details: { fields } });
    if (statusChanged) {
      const action = data.status === "BLOCKED" ? "customer.blocked" : "customer.unblocked";
      await recordAudit(tx, actor, { action, ...target, details: { from: current.status, to: data.status! } });
    }
    return await publicCustomer(tx, actor.businessId, row);
  });
  return conflictsAsAppErrors(work);
}
