// Finds the customer a request names, scoped to the business. Awards may enrol a customer on
// the fly (by email, phone or external id): one insert that also records customer.created.
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { CustomerRef } from "../ledger/ledger-schemas";

type Found = { id: string; status: "ACTIVE" | "BLOCKED" };

function describe(ref: CustomerRef): string {
  if (ref.customerId) return `id ${ref.customerId}`;
  if (ref.customerEmail) return `email ${ref.customerEmail}`;
  if (ref.customerPhone) return `phone ${ref.customerPhone}`;
  return `external id ${ref.externalId}`;
}

export async function findCustomer(db: DbOrTx, businessId: string, ref: CustomerRef): Promise<Found | null> {
  const where = ref.customerId
    ? { businessId, id: ref.customerId }
    : ref.customerEmail
      ? { businessId, email: ref.customerEmail }
      : ref.customerPhone
        ? { businessId, phone: ref.customerPhone }
        : { businessId, externalId: ref.externalId };
  return db.customer.findFirst({ where: { ...where, erasedAt: null }, select: { id: true, status: true } });
}

export async function resolveCustomer(db: DbOrTx, businessId: string, ref: CustomerRef): Promise<Found> {
  const found = await findCustomer(db, businessId, ref);
  if (!found) throw new AppError("CUSTOMER_NOT_FOUND", `No customer with ${describe(ref)} in this business.`);
  return found;
}

// Find or create. A customerId that doesn't exist is an error, not an enrolment: ids are ours.
export async function enrolCustomer(
  db: DbOrTx,
  businessId: string,
  ref: CustomerRef & { name?: string },
): Promise<Found & { created: boolean }> {
  const found = await findCustomer(db, businessId, ref);
  if (found) return { ...found, created: false };
  if (ref.customerId) throw new AppError("CUSTOMER_NOT_FOUND", `No customer with ${describe(ref)} in this business.`);
  const inserted = await db.$queryRaw<Found[]>(Prisma.sql`
    WITH ins AS (
      INSERT INTO customers (business_id, email, phone, external_id, name)
      VALUES (${businessId}::uuid, ${ref.customerEmail ?? null}, ${ref.customerPhone ?? null}, ${ref.externalId ?? null}, ${ref.name ?? null})
      ON CONFLICT DO NOTHING
      RETURNING *
    ), event AS (
      INSERT INTO outbox_events (business_id, type, payload)
      SELECT business_id, 'customer.created', jsonb_build_object('customer', to_jsonb(ins)) FROM ins
    )
    SELECT id, status::text AS status FROM ins`);
  if (inserted[0]) return { ...inserted[0], created: true };
  // Lost a race with a concurrent enrolment of the same customer: theirs is committed now.
  return { ...(await resolveCustomer(db, businessId, ref)), created: false };
}
