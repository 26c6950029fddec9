// Finds the customer a request names, scoped to the business, and creates customers (all
// through one SQL function, whoever enrols them).
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

// birthday: YYYY-MM-DD.
export type NewCustomer = { email?: string | null; phone?: string | null; externalId?: string | null; name?: string | null; notes?: string | null; birthday?: string | null };

// Creates a customer through customer_insert() (customers/sql/customer-insert.sql), the one
// path every enrolment takes, which also records customer.created. Null when the email, phone
// or external id is taken (the insert does nothing, so a caller's transaction stays usable).
export async function insertCustomer(db: DbOrTx, businessId: string, fields: NewCustomer): Promise<{ id: string } | null> {
  const [row] = await db.$queryRaw<{ id: string | null }[]>(
    Prisma.sql`SELECT customer_insert(${businessId}::uuid, ${JSON.stringify(fields)}::jsonb) AS id`,
  );
  return row?.id ? { id: row.id } : null;
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
