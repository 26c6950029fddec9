// Response shapes for the OpenAPI document. Requests are validated by the domain schemas in
// server/<domain>; responses are built by the domain code, and these describe them.
import { z } from "zod";
import { tierSchema } from "../program/tier-schemas";
import { entryTypes } from "../ledger/ledger-schemas";
import { MAX_PER_PAGE } from "../paging";

export const transactionSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    type: z.enum(entryTypes),
    points: z.int().meta({ description: "Signed: positive credits, negative debits." }),
    balanceAfter: z.int(),
    description: z.string().nullable(),
    reference: z.string().nullable(),
    idempotencyKey: z.string().nullable(),
    actorType: z.enum(["USER", "API_KEY", "SYSTEM"]),
    actorId: z.string().nullable(),
    staffName: z.string().nullable(),
    source: z.enum(["API", "PORTAL", "POS", "BULK", "JOB", "WIDGET"]).meta({ description: "WIDGET: the customer, in the store's loyalty widget." }),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    expiresAt: z.iso.datetime().nullable(),
    reversesEntryId: z.uuid().nullable(),
    storeId: z.uuid().nullable().meta({ description: "The store it happened at (our id), or null." }),
    basePoints: z.int().nullable().meta({ description: "On an award: the points before the tier multiplier; else null." }),
    multiplierPercent: z.int().nullable().meta({ description: "On an award: the tier multiplier applied, in whole percent (100 = none; points = basePoints x multiplierPercent / 100, rounded down)." }),
    availableAt: z.iso.datetime().nullable().meta({ description: "A pending credit: when its points become spendable; else null." }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Transaction" });

export const ledgerResultSchema = z
  .object({
    transaction: transactionSchema,
    balance: z.int().meta({ description: "The customer's balance after this call, never counting expired points." }),
    expired: transactionSchema.nullable().meta({ description: "Points past their expiry that this call expired first, as their own entry." }),
  })
  .meta({ id: "LedgerResult" });

// The `pagination` object of every list answer (server/paging.ts).
export const paginationSchema = z
  .object({
    page: z.int(),
    perPage: z.int().meta({ description: `Items per page, at most ${MAX_PER_PAGE}.` }),
    total: z.int().meta({ description: "Items on all pages." }),
    totalPages: z.int().meta({ description: "0 when there are no items." }),
  })
  .meta({ id: "Pagination" });

// Pending points and where the customer stands in the tiers, as every balance answer gives them.
export const standingShape = {
  pending: z.int().meta({ description: "Points credited but not spendable yet (a return window, or an award's availableAt)." }),
  nextAvailableAt: z.iso.datetime().nullable().meta({ description: "When the next pending points become spendable, or null." }),
  tier: z.string().nullable().meta({ description: "The tier their qualifying points reach, or null." }),
  tierMultiplierPercent: z.int().meta({ description: "The tier's earn multiplier in whole percent (100 without a tier)." }),
  qualifyingPoints: z.int().meta({ description: "Points that count toward tiers: lifetime or the last 12 months (the program's tierBasis), available ones only." }),
  nextTier: tierSchema.nullable().meta({ description: "The next tier up, or null at the top." }),
  pointsToNextTier: z.int().nullable().meta({ description: "Qualifying points still needed for nextTier, or null." }),
};

export const balanceSchema = z
  .object({
    customerId: z.uuid(),
    balance: z.int().meta({ description: "Points spendable now." }),
    lifetimeEarned: z.int(),
    lifetimeRedeemed: z.int(),
    expiringSoon: z.object({ points: z.int(), withinDays: z.int(), nextExpiryAt: z.iso.datetime().nullable() }),
    ...standingShape,
    status: z.enum(["ACTIVE", "BLOCKED"]),
  })
  .meta({ id: "Balance" });
