// Operations of the customers endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import {
  createCustomerInput,
  customerChangesInput,
  customerIdParams,
  externalIdSchema,
  listCustomersInput,
  upsertCustomerInput,
} from "../../customers/customer-schemas";
import { EXACT_TOTAL_LIMIT } from "../../customers/list-customers";
import { publicCustomerSchema } from "../../customers/to-public-customer";
import { idempotencyKeySchema, metadataSchema, signedPoints, staffNameSchema } from "../../ledger/ledger-schemas";
import { defineOperation } from "../operation";
import { ledgerResultSchema, paginationSchema, transactionSchema } from "../schemas";

const savedCustomerSchema = z.object({
  customer: publicCustomerSchema,
  created: z.boolean().meta({ description: "False when the customer already existed (the answer is then 200, not 201)." }),
});

export const listCustomersOperation = defineOperation({
  method: "GET",
  path: "/customers",
  tag: "Customers",
  summary: "List customers",
  description:
    "Pages of customers: `page` and `perPage` (up to 100; `limit` is accepted as its older name). `search` matches name, " +
    "email or phone, case-insensitively (three characters or more anywhere in them; one or two characters match the start " +
    "of the name); `status` filters ACTIVE or BLOCKED; sortBy createdAt (default), balance, " +
    "lifetimeEarned, lastActivityAt or name, sortOrder asc or desc. An unknown parameter is refused with 400.",
  scope: "customers:read",
  query: listCustomersInput,
  response: z.object({
    items: z.array(publicCustomerSchema),
    pagination: paginationSchema.extend({
      totalIsEstimate: z.boolean().meta({
        description: `True when more than ${EXACT_TOTAL_LIMIT.toLocaleString("en")} customers match: total is then ${EXACT_TOTAL_LIMIT.toLocaleString("en")} ("${EXACT_TOTAL_LIMIT.toLocaleString("en")}+", at least that many) and totalPages follows it; later pages can still be asked for.`,
      }),
    }),
  }),
  status: 200,
  errors: ["VALIDATION_ERROR"],
});

export const createCustomerOperation = defineOperation({
  method: "POST",
  path: "/customers",
  tag: "Customers",
  summary: "Create a customer",
  description:
    "Enrols a customer; 201. Send an email, a phone, or both (till-only shops enrol by phone). An email that is already " +
    "enrolled (case-insensitively), or without an email a phone that is, answers 200 with that customer and created " +
    "false, changing nothing, so retries are safe. `initialPoints` are awarded as welcome points in the same transaction " +
    "and need the points:write scope too. `notes` are staff notes (up to 1,000 characters). A phone or externalId that " +
    "belongs to another customer is refused with 409 ALREADY_EXISTS.",
  scope: "customers:write",
  body: createCustomerInput,
  response: savedCustomerSchema,
  status: 201,
  example: { email: "ann@example.com", name: "Ann Lee", phone: "+1 555 010 2000", externalId: "shop-881", notes: "Prefers oat milk", initialPoints: 50 },
  errors: ["VALIDATION_ERROR", "ALREADY_EXISTS"],
});

export const getCustomerOperation = defineOperation({
  method: "GET",
  path: "/customers/{id}",
  tag: "Customers",
  summary: "Get a customer",
  description: "The customer with their 10 most recent transactions (newest first) and their badges.",
  scope: "customers:read",
  params: customerIdParams,
  response: publicCustomerSchema.extend({
    recentTransactions: z.array(transactionSchema),
    badges: z.array(z.object({ slug: z.string(), name: z.string(), awardedAt: z.iso.datetime() })),
  }),
  status: 200,
  errors: ["CUSTOMER_NOT_FOUND"],
});

export const upsertCustomerOperation = defineOperation({
  method: "PUT",
  path: "/customers/{id}",
  tag: "Customers",
  summary: "Create or update a customer by your external id",
  description:
    "For PUT the path segment is YOUR external id for the customer (not our customer id: that is refused with 409 " +
    "CONFLICT, use PATCH /customers/{id}). Creates the customer (201) or updates the fields sent (200). A customer " +
    "already enrolled by the same email without an external id gets this one attached instead of a duplicate. " +
    "`initialPoints` (welcome points, needing the points:write scope too) only when this call creates the customer; on " +
    "an update it is refused with 400. An email or phone that belongs to another customer is refused with 409.",
  scope: "customers:write",
  params: z.object({ id: externalIdSchema.meta({ description: "Your external id for the customer." }) }),
  body: upsertCustomerInput.omit({ externalId: true }),
  response: savedCustomerSchema,
  status: 201,
  example: { email: "ann@example.com", name: "Ann Lee", notes: "Prefers oat milk" },
  errors: ["VALIDATION_ERROR", "ALREADY_EXISTS", "CONFLICT"],
});

export const updateCustomerOperation = defineOperation({
  method: "PATCH",
  path: "/customers/{id}",
  tag: "Customers",
  summary: "Update a customer",
  description:
    "Changes name, email (corrected, not removed), phone (null clears it), external id (null clears it), notes (null clears them), birthday (YYYY-MM-DD, for birthday campaigns; null clears it) or status. A BLOCKED customer can't earn or redeem; corrections still work. " +
    "An email, phone or external id another customer holds is refused with 409 ALREADY_EXISTS, whose details name that customer ({ customerId, customerName }).",
  scope: "customers:write",
  params: customerIdParams,
  body: customerChangesInput,
  response: publicCustomerSchema,
  status: 200,
  example: { status: "BLOCKED" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "ALREADY_EXISTS"],
});

export const eraseCustomerOperation = defineOperation({
  method: "DELETE",
  path: "/customers/{id}",
  tag: "Customers",
  summary: "Erase a customer",
  description:
    "Right to erasure: forfeits the remaining balance through the ledger, then removes the person's data everywhere we hold it: " +
    "email, phone, external id, name and notes; the description, reference, metadata and idempotency key of their ledger " +
    "entries; their webhook event payloads (reduced to ids); and personal details in the audit trail. Amounts, types and " +
    "dates stay, so balances and reports still add up. Afterwards the customer is 404 everywhere. Needs the " +
    "`customers:erase` scope (not implied by `customers:write`). Optional `?reason=` for the audit trail.",
  scope: "customers:erase",
  params: customerIdParams,
  query: z.object({ reason: z.string().trim().max(500).optional() }),
  response: z.object({ erased: z.literal(true), forfeitedPoints: z.int() }),
  status: 200,
  errors: ["CUSTOMER_NOT_FOUND"],
});

export const adjustCustomerPointsOperation = defineOperation({
  method: "POST",
  path: "/customers/{id}/points",
  tag: "Customers",
  summary: "Adjust a customer's points",
  description: "A signed correction with a required reason, like POST /points/adjust. Negative adjustments can't take the balance below zero.",
  scope: "points:write",
  params: customerIdParams,
  body: z.object({
    points: signedPoints,
    reason: z.string().trim().min(1, "a reason is required for every adjustment").max(500),
    reference: z.string().trim().max(128).optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
    referenceId: idempotencyKeySchema.optional().meta({ description: "Same as idempotencyKey." }),
    metadata: metadataSchema.optional(),
    staff: staffNameSchema.optional(),
  }),
  response: ledgerResultSchema,
  status: 201,
  example: { points: 25, reason: "Goodwill for a late order", idempotencyKey: "ticket-4411" },
  errors: ["VALIDATION_ERROR", "CUSTOMER_NOT_FOUND", "INSUFFICIENT_POINTS", "IDEMPOTENCY_MISMATCH"],
});
