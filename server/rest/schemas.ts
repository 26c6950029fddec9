// Response shapes for the OpenAPI document. Requests are validated by the domain schemas in
// server/<domain>; responses are built by the domain code, and these describe them.
import { z } from "zod";
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
    source: z.enum(["API", "PORTAL", "POS", "BULK", "JOB"]),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    expiresAt: z.iso.datetime().nullable(),
    reversesEntryId: z.uuid().nullable(),
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

export const balanceSchema = z
  .object({
    customerId: z.uuid(),
    balance: z.int(),
    lifetimeEarned: z.int(),
    lifetimeRedeemed: z.int(),
    expiringSoon: z.object({ points: z.int(), withinDays: z.int(), nextExpiryAt: z.iso.datetime().nullable() }),
    tier: z.string().nullable(),
    status: z.enum(["ACTIVE", "BLOCKED"]),
  })
  .meta({ id: "Balance" });
