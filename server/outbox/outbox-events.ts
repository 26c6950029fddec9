// The events written to outbox_events, in the transaction of the change they announce: the
// `data` integrators receive in webhooks. The SQL in ./sql builds them from explicit field lists
// (outbox-payloads.sql; each type is written by one ll_emit_* function in outbox-emit.sql);
// these schemas document them, and the OpenAPI `webhooks` section is generated from them.
// outbox-events.int.test.ts produces every type through the real code path and checks it here.
import { z } from "zod";
import { publicCustomerSchema } from "../customers/to-public-customer";
import { entryTypes } from "../ledger/ledger-schemas";
import { referralEvents } from "../referrals/referral-events";
import { transactionSchema } from "../rest/schemas";

// ISO 8601 in UTC with milliseconds, as JSON.stringify writes a Date.
const timestamp = z.iso.datetime({ precision: 3 });
const d = <T extends z.ZodType>(schema: T, description: string): T => schema.meta({ description });

// The API's own customer and transaction shapes, closed (no field more) and with the
// timestamp precision the SQL writes.
const c = publicCustomerSchema.shape;
export const eventCustomerSchema = z
  .strictObject({
    id: d(c.id, "Our id for the customer."),
    email: d(c.email, "Email address (lower case), or null."),
    phone: d(c.phone, "Phone number, digits only (with a leading + when one was given), or null."),
    externalId: d(c.externalId, "Your own id for this customer (store, POS or CRM), or null."),
    name: d(c.name, "The customer's name, or null."),
    status: d(c.status, "BLOCKED customers can neither earn nor redeem."),
    tier: d(c.tier, "The tier their lifetime points reached, or null."),
    balance: d(c.balance, "Points available now."),
    lifetimeEarned: d(c.lifetimeEarned, "Every point ever credited."),
    lifetimeRedeemed: d(c.lifetimeRedeemed, "Every point ever redeemed."),
    lastActivityAt: d(timestamp.nullable(), "Their last earn or redeem, or null."),
    createdAt: d(timestamp, "When they were enrolled."),
  })
  .meta({ description: "The customer as GET /customers/{id} shows it, without staff notes." });

const t = transactionSchema.shape;
export const eventEntrySchema = z
  .strictObject({
    id: d(t.id, "Our id for the ledger entry."),
    customerId: d(t.customerId, "The customer whose balance it moved."),
    type: d(t.type, "AWARD, REDEEM, ADJUST, EXPIRE or REVERSAL."),
    points: d(t.points, "Signed: positive credits, negative debits."),
    balanceAfter: d(t.balanceAfter, "The customer's balance right after this entry."),
    description: d(t.description, "Free text the caller or staff gave, or null."),
    reference: d(t.reference, "Your reference (an order number, say), or null."),
    idempotencyKey: d(t.idempotencyKey, "The Idempotency-Key or idempotencyKey the write was sent with, or null."),
    actorType: d(t.actorType, "Who wrote it: a portal USER, an API_KEY, or the SYSTEM (expiry)."),
    actorId: d(t.actorId, "The user's or API key's id, or null for the system."),
    staffName: d(t.staffName, "The staff member's name as the portal showed it, or null."),
    source: d(t.source, "Where the write came from."),
    metadata: d(t.metadata, "Your own JSON, as sent, or null."),
    expiresAt: d(timestamp.nullable(), "When the points it credited expire, or null: never (or not a credit)."),
    reversesEntryId: d(t.reversesEntryId, "On a REVERSAL: the entry it reverses; else null."),
    storeId: d(t.storeId, "The store it happened at (our id), or null."),
    basePoints: d(t.basePoints, "On an award: the points before the tier multiplier; else null."),
    multiplierPercent: d(t.multiplierPercent, "On an award: the tier multiplier applied, in whole percent; else null."),
    availableAt: d(timestamp.nullable(), "A pending credit: when its points become spendable; else null."),
    createdAt: d(timestamp, "When it was written."),
  })
  .meta({ description: "The ledger entry as the API's Transaction shows it." });

const pointsEvent = (type: (typeof entryTypes)[number], description: string) =>
  z
    .strictObject({
      customer: eventCustomerSchema,
      entry: eventEntrySchema
        .extend({ type: d(z.literal(type), `Always ${type} on this event.`) })
        .meta({ description: "The ledger entry as the API's Transaction shows it." }),
      balance: d(z.int(), "The customer's balance right after the entry."),
    })
    .meta({ description });

const statusEvent = (status: "ACTIVE" | "BLOCKED", description: string) =>
  z
    .strictObject({
      customer: eventCustomerSchema
        .extend({ status: d(z.literal(status), "The customer's new status.") })
        .meta({ description: "The customer as GET /customers/{id} shows it, without staff notes." }),
    })
    .meta({ description });

export const customerFieldNames = ["name", "email", "phone", "externalId"] as const;

export const eventBadgeSchema = z
  .strictObject({
    id: d(z.uuid(), "Our id for the badge."),
    slug: d(z.string(), "The slug the badge was awarded by (badgeSlug on POST /badges/award)."),
    name: d(z.string(), "The badge's display name."),
    description: d(z.string().nullable(), "The badge's description, or null."),
  })
  .meta({ description: "A badge of the business." });

export const eventLotSchema = z
  .strictObject({
    id: d(z.uuid(), "Our id for the lot: the points one entry credited, spent and expired first in, first out."),
    entryId: d(z.uuid(), "The ledger entry (an award, say) that credited the lot."),
    points: d(z.int().positive(), "The points left in the lot: those that will expire."),
    expiresAt: d(timestamp, "When they expire."),
  })
  .meta({ description: "Points the customer earned in one go that expire together." });

export const eventRewardSchema = z
  .strictObject({
    id: d(z.uuid(), "Our id for the reward."),
    title: d(z.string(), "The reward's title now."),
    pointsCost: d(z.int().positive(), "Points one redemption spends now."),
  })
  .meta({ description: "A reward of the business's catalogue." });

const eventRedemptionSchema = (status: "ACTIVE" | "CANCELLED") =>
  z
    .strictObject({
      id: d(z.uuid(), "Our id for the redemption."),
      rewardTitle: d(z.string(), "The reward's title when it was redeemed."),
      points: d(z.int().positive(), "Points spent."),
      couponCode: d(z.string().nullable(), "The coupon code to turn into the discount (GENERATED or POOL rewards), or null."),
      status: d(z.literal(status), status === "ACTIVE" ? "Always ACTIVE on this event." : "Always CANCELLED on this event."),
      entryId: d(z.uuid(), "The REDEEM ledger entry (its points.redeemed event carries the same code in entry.metadata.couponCode)."),
      cancelEntryId: d(status === "ACTIVE" ? z.null() : z.uuid(), "The REVERSAL that refunded the points, once cancelled."),
      createdAt: d(timestamp, "When it was redeemed."),
      cancelledAt: d(status === "ACTIVE" ? z.null() : timestamp, "When it was cancelled."),
    })
    .meta({ description: "A reward a customer bought with points." });

const rewardEvent = (status: "ACTIVE" | "CANCELLED", description: string) =>
  z.strictObject({ customer: eventCustomerSchema, reward: eventRewardSchema, redemption: eventRedemptionSchema(status) }).meta({ description });

export const eventOrderSchema = z
  .strictObject({
    id: d(z.uuid(), "Our id for the order."),
    externalId: d(z.string(), "Your id for the order."),
    customerId: d(z.uuid(), "The customer who placed it."),
    status: d(z.enum(["PENDING", "PAID", "FULFILLED", "CANCELLED"]), "The order's status."),
    currency: d(z.string(), "The business's currency."),
    subtotal: d(z.int(), "Minor units."),
    discount: d(z.int(), "Minor units."),
    shipping: d(z.int(), "Minor units."),
    tax: d(z.int(), "Minor units."),
    eligibleAmount: d(z.int(), "The amount that earns points."),
    points: d(z.int(), "What the order earns by the program's rule."),
    pointsAwarded: d(z.int(), "Points the award credited (tier multiplier applied); 0 until awarded."),
    pointsRefunded: d(z.int(), "Points taken back by refunds and cancellation."),
    pointsUnrecovered: d(z.int(), "Points that couldn't be taken back: the customer had spent them."),
    amountRefunded: d(z.int(), "Money refunded so far, minor units."),
    awardEntryId: d(z.uuid().nullable(), "The AWARD ledger entry holding the order's points, or null."),
    storeId: d(z.uuid().nullable(), "The store (our id), or null."),
    referralCode: d(z.string().nullable(), "The referral code sent with the order, or null."),
    placedAt: d(timestamp, "When it was placed."),
    createdAt: d(timestamp, "When we received it."),
  })
  .meta({ description: "The order as GET /orders/{externalId} shows it, without lines and refunds." });

export const eventOrderRefundSchema = z
  .strictObject({
    id: d(z.uuid(), "Our id for the refund."),
    idempotencyKey: d(z.string(), "Your key for the refund."),
    amount: d(z.int(), "Money refunded, minor units."),
    eligibleAmount: d(z.int(), "The part of it that had earned points."),
    pointsTaken: d(z.int(), "Points taken back from the customer."),
    pointsUnrecovered: d(z.int(), "Points that should have been taken back but couldn't: the customer had spent them."),
    entryId: d(z.uuid().nullable(), "The ledger entry that took the points, or null."),
    createdAt: d(timestamp, "When it was recorded."),
  })
  .meta({ description: "One refund of an order." });

// Event type -> its data. Each type is written by exactly one ll_emit_* function.
export const outboxEvents = {
  "customer.created": z.strictObject({ customer: eventCustomerSchema }).meta({ description: "A customer was enrolled (by the API, the portal, an award to someone new; a customer import announces its new customers together: customers.imported)." }),
  "customers.imported": z
    .strictObject({
      import: z
        .strictObject({
          created: d(z.int().nonnegative(), "Customers this batch created. They get no customer.created, points.adjusted or customer.tier_changed of their own."),
          updated: d(z.int().nonnegative(), "Existing customers whose fields it filled in (each also sends customer.updated)."),
          balancesPosted: d(z.int().nonnegative(), "Opening balances it posted, new and existing customers together (an existing customer's also sends points.adjusted)."),
          pointsPosted: d(z.int().nonnegative(), "The points of those opening balances, together."),
          fromLine: d(z.int().positive(), "The first line of the file this batch covers."),
          toLine: d(z.int().positive(), "The last line of the file this batch covers."),
        })
        .meta({ description: "What one batch of the import wrote." }),
    })
    .meta({
      description:
        "A customer import (the portal's upload or the CLI) wrote a batch of customers: sent once per batch of up to 50,000 lines, in place of a customer.created per customer. List customers (GET /customers) to pick them up. Running the same file again sends nothing.",
    }),
  "customer.updated": z
    .strictObject({
      customer: eventCustomerSchema,
      changes: d(z.array(z.enum(customerFieldNames)).min(1), "The fields that changed: name, email, phone or externalId."),
    })
    .meta({ description: "A customer's name, email, phone or external id changed. Point movements are the points.* events; status changes are customer.blocked and customer.unblocked." }),
  "customer.blocked": statusEvent("BLOCKED", "A customer was blocked: they can no longer earn or redeem points."),
  "customer.unblocked": statusEvent("ACTIVE", "A blocked customer was made active again."),
  "customer.erased": z
    .strictObject({ customer: z.strictObject({ id: d(z.uuid(), "Our id for the customer.") }).meta({ description: "The erased customer: their id only." }) })
    .meta({
      description:
        "A customer's personal data was erased (right to erasure). Erase what you hold about them too. Earlier events about them that were not yet delivered are withheld (their deliveries end as not sent), and a replay never sends them.",
    }),
  "badge.awarded": z
    .strictObject({ customer: eventCustomerSchema, badge: eventBadgeSchema, awardedAt: d(timestamp, "When the badge was awarded.") })
    .meta({ description: "A customer was awarded a badge. Sent once per award: awarding a badge the customer holds sends nothing." }),
  "points.earned": pointsEvent("AWARD", "A customer earned points."),
  "points.redeemed": pointsEvent("REDEEM", "A customer redeemed points."),
  "points.adjusted": pointsEvent("ADJUST", "Staff or an integration corrected a customer's balance."),
  "points.expired": pointsEvent("EXPIRE", "Points passed their expiry date and left the balance."),
  "points.reversed": pointsEvent("REVERSAL", "An earlier entry was reversed (a refund or a correction)."),
  "points.available": z
    .strictObject({
      customer: eventCustomerSchema,
      lot: z
        .strictObject({
          id: d(z.uuid(), "Our id for the lot."),
          entryId: d(z.uuid(), "The award that credited it (its availableAt is this moment)."),
          points: d(z.int().positive(), "The points that became spendable."),
          availableAt: d(timestamp, "When they became spendable."),
          expiresAt: d(timestamp.nullable(), "When they expire, or null: never."),
        })
        .meta({ description: "Pending points that became spendable together." }),
      balance: d(z.int(), "The customer's balance now, these points included."),
    })
    .meta({ description: "Pending points (an award with availableAt, or the program's pendingDays) became spendable. Sent once per award, when the ledger releases them: at the customer's next write or by the release job, within minutes." }),
  "customer.tier_changed": z
    .strictObject({
      customer: eventCustomerSchema,
      previousTier: d(z.string().nullable(), "The tier before, or null."),
      tier: d(z.string().nullable(), "The tier now (also customer.tier), or null: below every tier."),
      qualifyingPoints: d(z.int(), "The qualifying points the tier was decided on (lifetime, or the last 12 months: the program's tierBasis)."),
      reason: d(
        z.enum(["EARNED", "REVERSED", "AVAILABLE", "REEVALUATED"]),
        "EARNED: a credit; REVERSED: a reversal of one; AVAILABLE: pending points became spendable; REEVALUATED: the daily rolling re-evaluation or a change of the tier table.",
      ),
    })
    .meta({ description: "A customer moved up or down a tier." }),
  "reward.redeemed": rewardEvent("ACTIVE", "A customer redeemed a reward: create the discount from `redemption.couponCode`. Sent with the points.redeemed of the same entry."),
  "reward.redemption_cancelled": rewardEvent(
    "CANCELLED",
    "A redemption was cancelled: its points were refunded (points.reversed), and an unused coupon code was voided or returned to its pool. Withdraw the discount if it is still open.",
  ),
  "points.expiring_soon": z
    .strictObject({
      customer: eventCustomerSchema,
      lot: eventLotSchema,
      balance: d(z.int(), "The customer's balance now, these points included."),
    })
    .meta({ description: "Points will expire soon: sent once per lot, the business's expiring-soon days (7 by default) before its expiry." }),
  "order.created": z.strictObject({ order: eventOrderSchema }).meta({ description: "An order was recorded (POST /orders). Replays send nothing." }),
  "order.refunded": z
    .strictObject({ order: eventOrderSchema, refund: eventOrderRefundSchema })
    .meta({ description: "An order was refunded, in part or whole: `refund` says what it took back and what it couldn't (pointsUnrecovered); `order` is as it is after it." }),
  ...referralEvents,
} as const;

export type OutboxEventType = keyof typeof outboxEvents;

// What any event about a customer becomes once that customer is erased (erase-customer-data.sql,
// ll_erased_event_payload): ids only. Delivery never sends an event in this form: it withholds it
// (server/webhooks/deliver-webhooks.ts).
export const erasedEventDataSchema = z
  .strictObject({
    customer: z.strictObject({ id: d(z.uuid(), "Our id for the erased customer.") }).meta({ description: "The erased customer: their id only." }),
    entry: z.strictObject({ id: d(z.uuid(), "The ledger entry's id.") }).optional().meta({ description: "On points.* events only." }),
    erased: d(z.literal(true), "The customer was erased: the rest of this event's data was removed."),
  })
  .meta({ description: "Any event about a customer who has since been erased." });
