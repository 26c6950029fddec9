// The events the ledger writes to outbox_events, in the transaction of the change they announce:
// the `data` integrators will receive in webhooks. The SQL in ./sql builds them from explicit
// field lists; these schemas document them (and the OpenAPI `webhooks` section can be generated
// from them). outbox-events.int.test.ts checks every event the ledger writes against them.
import { z } from "zod";
import { publicCustomerSchema } from "../customers/to-public-customer";
import { entryTypes } from "../ledger/ledger-schemas";
import { transactionSchema } from "../rest/schemas";

// ISO 8601 in UTC with milliseconds, as JSON.stringify writes a Date.
const timestamp = z.iso.datetime({ precision: 3 });

// The API's own customer and transaction shapes, closed (no field more) and with the
// timestamp precision the SQL writes.
export const eventCustomerSchema = z
  .strictObject({ ...publicCustomerSchema.omit({ notes: true }).shape, lastActivityAt: timestamp.nullable(), createdAt: timestamp })
  .meta({ description: "The customer as GET /customers/{id} shows it, without staff notes." });

export const eventEntrySchema = z
  .strictObject({ ...transactionSchema.shape, expiresAt: timestamp.nullable(), createdAt: timestamp })
  .meta({ description: "The ledger entry as the API's Transaction shows it." });

const pointsEvent = (type: (typeof entryTypes)[number]) =>
  z.strictObject({
    customer: eventCustomerSchema,
    entry: eventEntrySchema.extend({ type: z.literal(type) }),
    balance: z.int().meta({ description: "The customer's balance right after the entry." }),
  });

// Event type -> the entry type it announces is fixed: outbox/sql/outbox-emit.sql names each.
export const outboxEvents = {
  "customer.created": z.strictObject({ customer: eventCustomerSchema }),
  "points.earned": pointsEvent("AWARD"),
  "points.redeemed": pointsEvent("REDEEM"),
  "points.adjusted": pointsEvent("ADJUST"),
  "points.expired": pointsEvent("EXPIRE"),
  "points.reversed": pointsEvent("REVERSAL"),
} as const;

export type OutboxEventType = keyof typeof outboxEvents;
