// Right to erasure: the person's data goes from every table that holds it (the customer row,
// ledger free text, idempotency records, audit details, webhook event payloads), the ledger's
// amounts stay, so balances and reports still add up. One transaction: a customer is never
// left erased with points, nor stripped of points but still identifiable.
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { adjustPoints, expirePoints, reverseEntry } from "../ledger";
import type { Actor } from "../actors/actor";
import { cancelRedemption } from "../rewards/cancel-redemption";
import { eraseCustomerInput, type EraseCustomerInput } from "./customer-schemas";
import { inTransaction, loadCustomer } from "./resolve-customer";

// Kept on the forfeiting entry when the rest of the ledger's free text goes: the same string is
// in sql/erase-customer-data.sql (ll_erased_description).
export const ERASURE_REASON = "Customer data erased";

export async function eraseCustomer(db: DbOrTx, actor: Actor, input: EraseCustomerInput): Promise<{ erased: true; forfeitedPoints: number }> {
  const data = eraseCustomerInput.parse(input);
  return inTransaction(db, async (tx) => {
    const { id } = await loadCustomer(tx, actor.businessId, data.id);
    // Their redemptions go first: a coupon of someone who no longer exists must stop working,
    // and its stock come back (the refunded points are forfeited below with the rest). Before
    // the customer's lock, in the order a redemption takes its locks (reward, then customer).
    const active = await tx.redemption.findMany({ where: { businessId: actor.businessId, customerId: id, status: "ACTIVE" }, select: { id: true } });
    for (const redemption of active) await cancelRedemption(tx, actor, { id: redemption.id, reason: ERASURE_REASON });
    // Hold the row (the ledger takes the same lock) so no award lands between reading the
    // balance and forfeiting it, and a concurrent erasure finds the customer already gone.
    const locked = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT id FROM customers WHERE business_id = ${actor.businessId}::uuid AND id = ${id}::uuid AND erased_at IS NULL FOR UPDATE`);
    if (locked.length === 0) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");

    // Points already past their expiry are expired as such first; a debit would do that itself
    // and then find the balance short of the amount read before.
    await expirePoints(tx, actor, { customerId: id });
    const { balance } = await tx.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: actor.businessId, id } }, select: { balance: true } });
    if (balance > 0) await adjustPoints(tx, actor, { customerId: id, points: -balance, reason: ERASURE_REASON });
    // Points still pending go too: each pending award is reversed (which cancels it from
    // pending), or the release job would later pay them to someone who no longer exists.
    const pending = await tx.pointLot.findMany({ where: { businessId: actor.businessId, customerId: id, pending: true }, select: { entryId: true, remaining: true } });
    for (const lot of pending) await reverseEntry(tx, actor, { entryId: lot.entryId, reason: ERASURE_REASON });
    const forfeitedPoints = balance + pending.reduce((sum, lot) => sum + lot.remaining, 0);

    // Everywhere the person's data is held: one SQL function (sql/erase-customer-data.sql), the
    // single place a table added later joins, and the only change the append-only tables allow.
    await tx.$executeRaw(Prisma.sql`SELECT ll_erase_customer_data(${actor.businessId}::uuid, ${id}::uuid)`);
    await recordAudit(tx, actor, {
      action: "customer.erased",
      targetType: "customer",
      targetId: id,
      details: { forfeitedPoints, ...(data.reason && { reason: data.reason }) },
    });
    return { erased: true as const, forfeitedPoints };
  });
}
