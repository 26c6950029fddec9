// The events the ledger writes to outbox_events, in the transaction of the change they announce:
// the `data` integrators will receive in webhooks. The SQL in ./sql builds them from explicit
// field lists; these schemas document them (and the OpenAPI `webhooks` section can be generated
// from them). outbox-events.int.test.ts checks every event the ledger writes against them.
import { z } from "zod";
import { entryTypes } from "../ledger/ledger-schemas";

// ISO 8601 in UTC with milliseconds, as JSON.stringify writes a Date.
const timestamp = z.iso.datetime({ precision: 3 });

export const eventCustomerSchema = z
  .strictObject({
    id: z.uuid(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    externalId: z.string().nullable(),
    name: z.string().nullable(),
    status: z.enum(["ACTIVE", "BLOCKED"]),
    tier: z.string().nullable(),
    balance: z.int(),
    lifetimeEarned: z.int(),
    lifetimeRedeemed: z.int(),
    lastActivityAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ description: "The customer as GET /customers/{id} shows it, without staff notes." });

export const eventEntrySchema = z
  .strictObject({
    id: z.uuid(),
    customerId: z.uuid(),
    type: z.enum(entryTypes),
    points: z.int(),
    balanceAfter: z.int(),
    description: z.string().nullable(),
    reference: z.string().nullable(),
    idempotencyKey: z.string().nullable(),
    actorType: z.enum(["USER", "API_KEY", "SYSTEM"]),
    actorId: z.string().nullable(),
    staffName: z.string().nullable(),
    source: z.enum(["API", "PORTAL", "POS", "BULK", "JOB"]),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    expiresAt: timestamp.nullable(),
    reversesEntryId: z.uuid().nullable(),
    createdAt: timestamp,
  })
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
