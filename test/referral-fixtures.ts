// Shared by the referral tests: a business with referral points (500 to the referrer, 200 to the
// referee, a 25.00 minimum order) and Ann, a customer to refer with; a paid 50.00 order body; and
// the rows the tests assert on.
import { createCustomer } from "../server/customers/create-customer";
import { db } from "../server/db/client";
import { businessWithKey } from "./api";

export const order = (externalId: string, customer: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  externalId, currency: "USD", subtotal: 5000, status: "PAID", items: [{ productExternalId: "beans", quantity: 2, unitPrice: 2500 }], ...customer, ...extra,
});

export async function setup(settings: Record<string, unknown> = {}) {
  const ctx = await businessWithKey();
  await db.business.update({ where: { id: ctx.business.id }, data: { referrerPoints: 500, refereePoints: 200, referralMinimumOrder: 2500, ...settings } });
  const { customer: ann } = await createCustomer(db, ctx.actor, { name: "Ann", email: "ann@example.com", phone: "+15550100001" });
  return { ...ctx, ann };
}

export const referralsOf = (businessId: string) => db.referral.findMany({ where: { businessId }, orderBy: { createdAt: "asc" } });
export const referralEntries = (businessId: string) =>
  db.ledgerEntry.findMany({ where: { businessId, idempotencyKey: { startsWith: "referral:" } }, orderBy: { createdAt: "asc" } });
export const events = (businessId: string, type: string) => db.outboxEvent.findMany({ where: { businessId, type } });
export const customerByEmail = (businessId: string, email: string) => db.customer.findUniqueOrThrow({ where: { businessId_email: { businessId, email } } });
