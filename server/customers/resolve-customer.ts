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

// The customer id a ledger write should use. By id there is nothing to look up: ledger_write()
// checks, under the customer row lock, that the customer exists in this business. That saves
// a round trip on the hot path (tills usually send the id they got back from the first call).
export async function customerIdFor(db: DbOrTx, businessId: string, ref: CustomerRef): Promise<string> {
  return ref.customerId ?? (await resolveCustomer(db, businessId, ref)).id;
}

export async function resolveCustomer(db: DbOrTx, businessId: string, ref: CustomerRef): Promise<Found> {
  const found = await findCustomer(db, businessId, ref);
  if (!found) throw new AppError("CUSTOMER_NOT_FOUND", `No customer with ${describe(ref)} in this business.`);
  return found;
}

// Find or create by email, phone or external id. A customerId is never enrolled (ids are
// ours); ledger_write() refuses one that doesn't exist.
export async function enrolCustomer(
  db: DbOrTx,
  businessId: string,
  ref: CustomerRef & { name?: string },
): Promise<{ id: string; created: boolean }> {
  if (ref.customerId) return { id: ref.customerId, created: false };
  const found = await findCustomer(db, businessId, ref);
  if (found) return { id: found.id, created: false };
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
  if (inserted[0]) return { id: inserted[0].id, created: true };
  // Lost a race with a concurrent enrolment of the same customer: theirs is committed now.
  return { id: (await resolveCustomer(db, businessId, ref)).id, created: false };
}
