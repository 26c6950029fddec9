// Finds the customer a request names, scoped to the business. Awards may enrol a customer on
// the fly (by email, phone or external id): one insert that also records customer.created.
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import type { Db, DbOrTx } from "../db/client";
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
  const inserted = await insertCustomer(db, businessId, {
    email: ref.customerEmail,
    phone: ref.customerPhone,
    externalId: ref.externalId,
    name: ref.name,
  });
  if (inserted) return { id: inserted.id, created: true };
  // Lost a race with a concurrent enrolment of the same customer: theirs is committed now.
  return { id: (await resolveCustomer(db, businessId, ref)).id, created: false };
}

export type NewCustomer = { email?: string | null; phone?: string | null; externalId?: string | null; name?: string | null };

// One insert that also records customer.created, or null when the email, phone or external id
// is taken (ON CONFLICT DO NOTHING: a unique violation would abort a caller's transaction).
export async function insertCustomer(db: DbOrTx, businessId: string, fields: NewCustomer): Promise<{ id: string } | null> {
  const inserted = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH ins AS (
      INSERT INTO customers (business_id, email, phone, external_id, name)
      VALUES (${businessId}::uuid, ${fields.email ?? null}, ${fields.phone ?? null}, ${fields.externalId ?? null}, ${fields.name ?? null})
      ON CONFLICT DO NOTHING
      RETURNING *
    ), event AS (
      INSERT INTO outbox_events (business_id, type, payload)
      SELECT business_id, 'customer.created', jsonb_build_object('customer', to_jsonb(ins)) FROM ins
    )
    SELECT id FROM ins`);
  return inserted[0] ?? null;
}

// The full row of a live customer of this business. Anything that isn't a UUID can't name one,
// so it is a 404 like an unknown, foreign or erased id (never a 400 or a database error).
export async function loadCustomer(db: DbOrTx, businessId: string, id: string) {
  const customer = z.guid().safeParse(id).success ? await db.customer.findFirst({ where: { businessId, id, erasedAt: null } }) : null;
  if (!customer) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");
  return customer;
}

// Runs `work` in one interactive transaction, or inside the caller's when handed one already
// (a transaction client has no $transaction), so multi-step customer writes stay atomic.
export async function inTransaction<T>(db: DbOrTx, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const root = db as Partial<Db>;
  if (typeof root.$transaction === "function") return root.$transaction((tx) => work(tx));
  return work(db);
}
