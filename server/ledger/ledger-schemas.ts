// The ledger's input contracts. The REST API and the portal validate with these same schemas,
// and the OpenAPI document is generated from them, so the three can't drift apart.
import { z } from "zod";
import { normalizeEmail, normalizePhone } from "../customers/normalize-identity";
import { pagedBy, pagingShape } from "../paging";
import { isStorableJson, nestsWithin, storableDate, storableJsonMessage, storableText } from "../storable";

// One operation moves at most this many points: well inside Postgres int4 for balances, and
// far beyond any real purchase, so a typo'd extra zero or two still fits but 1e15 does not.
export const MAX_POINTS_PER_OPERATION = 10_000_000;

// The longest points can be pending: an award's availableAt, the program's pendingDays.
export const MAX_PENDING_DAYS = 365;

const points = z
  .number({ error: "must be a number" })
  .int("must be a whole number of points")
  .max(MAX_POINTS_PER_OPERATION, `must be at most ${MAX_POINTS_PER_OPERATION.toLocaleString("en")}`);
export const positivePoints = points.positive("must be a positive number of points");
export const signedPoints = points
  .min(-MAX_POINTS_PER_OPERATION, `must be at least -${MAX_POINTS_PER_OPERATION.toLocaleString("en")}`)
  .refine((n) => n !== 0, "must not be zero");

// Nesting is checked before anything walks the value: z.json(), the storable check and
// JSON.stringify all recurse once per level, and a body of a few thousand brackets (well under
// the 1 KB it would take once stringified) used to overflow the stack into a 500.
export const MAX_METADATA_DEPTH = 16;
const shallowJson = z
  .unknown()
  .refine((v) => nestsWithin(v, MAX_METADATA_DEPTH - 1), `must nest at most ${MAX_METADATA_DEPTH} levels deep`)
  .pipe(z.json());

export const metadataSchema = z
  .record(z.string().max(64), shallowJson)
  // zod runs these even when a value was refused above: too deep is already an issue.
  .refine((m) => !nestsWithin(m, MAX_METADATA_DEPTH) || Buffer.byteLength(JSON.stringify(m)) <= 1024, "must be at most 1 KB of JSON")
  .refine((m) => !nestsWithin(m, MAX_METADATA_DEPTH) || isStorableJson(m), storableJsonMessage);

// Keys the ledger writes for its own records (an order's award, an imported opening balance)
// share the business's key space: a caller's key can't take one of their names.
// (widget: a customer's redemption in the widget, namespaced by customer: server/widget.)
export const RESERVED_KEY_PREFIXES = ["order:", "import-opening:", "campaign:", "referral:", "widget:"] as const;
export const idempotencyKeySchema = storableText(255)
  .pipe(z.string().min(1))
  .refine((key) => !RESERVED_KEY_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix)), `must not start with ${RESERVED_KEY_PREFIXES.join(" or ")} (reserved for the ledger's own records)`);
// The cashier or clerk's name a write is stamped with (it rides on the actor, so the domain
// schemas above never see it: every route that takes it must use this).
export const staffNameSchema = storableText(100);
const text = storableText;

export const customerRefShape = {
  customerId: z.uuid("must be a customer id (UUID)").optional(),
  customerEmail: z.email("must be a valid email address").max(254).transform(normalizeEmail).optional(),
  customerPhone: z
    .string()
    .max(32)
    .transform((p, ctx) => normalizePhone(p) ?? (ctx.addIssue({ code: "custom", message: "must be a phone number" }), z.NEVER))
    .optional(),
  externalId: text(128).pipe(z.string().min(1)).optional(),
};

export type CustomerRef = { customerId?: string; customerEmail?: string; customerPhone?: string; externalId?: string };

const NAMES_CUSTOMER = "Name the customer with customerId, customerEmail, customerPhone or externalId";
export const hasCustomerRef = (v: { [K in keyof CustomerRef]?: unknown }) =>
  Boolean(v.customerId ?? v.customerEmail ?? v.customerPhone ?? v.externalId);

function withCustomer<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...customerRefShape, ...shape }).refine(hasCustomerRef, { message: NAMES_CUSTOMER, path: ["customerId"] });
}

// An idempotency key (or its alias referenceId, for stores that already send an order id).
const idempotency = {
  idempotencyKey: idempotencyKeySchema.optional(),
  referenceId: idempotencyKeySchema.optional().meta({ description: "Same as idempotencyKey, for stores that send their order id." }),
};

// The key a write goes by: idempotencyKey, else referenceId. Integrations that send both (a key
// per request and their order number) have always been keyed by idempotencyKey; refusing them
// now would turn their retries of accepted requests into errors.
export function idempotencyKeyOf(data: { idempotencyKey?: string; referenceId?: string }): string | undefined {
  return data.idempotencyKey ?? data.referenceId;
}

// Our store id or your code for the store (validated by the ledger: an unknown or closed store is 400).
export const storeRefSchema = storableText(64)
  .pipe(z.string().trim().min(1))
  .meta({ description: "The store it happened at: our store id, or your code for it (see /stores). Unknown or closed: 400." });

export const awardInput = withCustomer({
  amount: positivePoints,
  storeId: storeRefSchema.optional(),
  skipMultiplier: z
    .boolean()
    .optional()
    .meta({ description: "true: don't apply the customer's tier multiplier (for systems that apply their own)." }),
  // At most a year ahead, like the program's pendingDays: rolling tiers look back far enough
  // to count a credit that became available up to a year after it was written, no further.
  availableAt: storableDate
    .refine((d) => d.getTime() <= Date.now() + MAX_PENDING_DAYS * 86_400_000, `must be at most ${MAX_PENDING_DAYS} days from now`)
    .optional()
    .meta({ description: "Pending until then (can't be spent, doesn't count toward tiers). Default: the program's pendingDays from now." }),
  description: text(500).optional(),
  reference: text(128).optional(),
  ...idempotency,
  expiresAt: storableDate.optional(),
  metadata: metadataSchema.optional(),
  customerName: text(200).optional(),
});

export const redeemInput = withCustomer({
  amount: positivePoints,
  storeId: storeRefSchema.optional(),
  description: text(500).optional(),
  reference: text(128).optional(),
  ...idempotency,
  metadata: metadataSchema.optional(),
});

export const adjustInput = withCustomer({
  points: signedPoints,
  storeId: storeRefSchema.optional(),
  reason: text(500).pipe(z.string().min(1, "a reason is required for every adjustment")),
  reference: text(128).optional(),
  ...idempotency,
  metadata: metadataSchema.optional(),
});

export const expireInput = withCustomer({
  before: storableDate.optional(),
  amount: positivePoints.optional(),
  description: text(500).optional(),
  ...idempotency,
});

export const reverseInput = z.object({
  entryId: z.uuid("must be a transaction id (UUID)"),
  reason: text(500).pipe(z.string().min(1, "a reason is required to reverse a transaction")),
  ...idempotency,
});

export const entryTypes = ["AWARD", "REDEEM", "ADJUST", "EXPIRE", "REVERSAL"] as const;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LATEST = new Date("9999-12-31T23:59:59.999Z");

// The end of a date range. A date alone ("2026-11-30") means through that whole day (UTC), so
// it becomes the next midnight, which the range excludes: entries stamped to the microsecond
// late on the 30th are in. A date alone as the start is already that day's midnight.
const rangeEnd = z.preprocess((value) => {
  if (typeof value !== "string" || !DATE_ONLY.test(value.trim())) return value;
  const start = Date.parse(value.trim());
  return Number.isNaN(start) ? value : new Date(Math.min(start + DAY_MS, LATEST.getTime()));
}, storableDate);

// Any case, as query strings are typed by hand; "all" is no filter.
const entryTypeFilter = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum([...entryTypes, "ALL"], `must be one of ${entryTypes.join(", ")} or ALL (any case)`))
  .transform((type) => (type === "ALL" ? undefined : type));

export const historyInput = withCustomer({
  type: entryTypeFilter.optional(),
  from: storableDate.optional(),
  to: rangeEnd.optional(),
  reference: text(128).optional(),
  actorId: text(128).optional(),
  // The staff name on the entry (the `staff` a write sent), case-insensitively; empty is no filter.
  staff: staffNameSchema.optional().transform((name) => name || undefined),
  storeId: storeRefSchema.optional(),
  ...pagingShape,
}).transform(pagedBy);

export type AwardInput = z.input<typeof awardInput>;
export type RedeemInput = z.input<typeof redeemInput>;
export type AdjustInput = z.input<typeof adjustInput>;
export type ExpireInput = z.input<typeof expireInput>;
export type ReverseInput = z.input<typeof reverseInput>;
export type HistoryInput = z.input<typeof historyInput>;
