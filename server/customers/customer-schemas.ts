// Input contracts of the customer functions. The REST API and the portal validate with these
// same schemas, so a customer is named, normalised and limited the same way everywhere.
import { z } from "zod";
import { storableText } from "../storable";
import { AppError } from "../errors";
import { customerRefShape, MAX_POINTS_PER_OPERATION } from "../ledger/ledger-schemas";
import { pagedBy, pagingShape } from "../paging";

// The ledger's rules for emails and phones (normalised, so lookups are case- and
// formatting-insensitive), reused rather than restated.
export const emailSchema = customerRefShape.customerEmail.unwrap();
export const phoneSchema = customerRefShape.customerPhone.unwrap();
export const externalIdSchema = customerRefShape.externalId.unwrap();
const nameSchema = storableText(200).pipe(z.string().min(1, "must not be empty"));
// Staff notes ("VIP", "allergic to nuts"); empty or null means none.
const MAX_NOTES_LENGTH = 1_000;
const notesSchema = storableText(MAX_NOTES_LENGTH)
  .transform((notes) => notes || null)
  .nullable();
// For birthday campaigns: a calendar date (YYYY-MM-DD), no time of day; null clears it.
const birthdaySchema = z.iso
  .date("must be a date (YYYY-MM-DD)")
  .refine((d) => d >= "1900-01-01" && d <= new Date().toISOString().slice(0, 10), "must be a date between 1900 and today")
  .nullable();
export const birthdayDate = (d: string | null | undefined) => (d == null ? d : new Date(`${d}T00:00:00.000Z`));
const initialPointsSchema = z
  .number({ error: "must be a number" })
  .int("must be a whole number of points")
  .min(0, "must not be negative")
  .max(MAX_POINTS_PER_OPERATION);

export const customerStatuses = ["ACTIVE", "BLOCKED"] as const;
export const customerSortFields = ["createdAt", "balance", "lifetimeEarned", "lastActivityAt", "name"] as const;

// Ids are checked by loadCustomer (a non-UUID is a 404, not a 400), so any string passes here.
const customerId = z.string().max(100);

// A URL path's customer id. One that isn't a UUID can't name a customer: the same 404 as an
// unknown id, thrown here for routes whose domain call would otherwise call it a 400.
export const customerIdParams = z.object({
  id: z
    .string()
    .meta({ description: "Our customer id (a UUID).", format: "uuid" })
    .transform((id) => {
      if (!z.guid().safeParse(id).success) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");
      return id;
    }),
});

export const listCustomersInput = z
  .object({
    ...pagingShape,
    // An empty search box means no filter.
    search: storableText(100)
      .optional()
      .transform((s) => s || undefined),
    status: z.enum(customerStatuses).optional(),
    sortBy: z.enum(customerSortFields).default("createdAt"),
    sortOrder: z.enum(["asc", "desc"]).default("desc"),
  })
  .transform(pagedBy);

export const getCustomerInput = z.object({ id: customerId });

// Till-only shops know a phone, not an email: either one identifies the new customer.
export const createCustomerInput = z
  .object({
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    name: nameSchema,
    externalId: externalIdSchema.optional(),
    notes: notesSchema.optional(),
    birthday: birthdaySchema.optional(),
    initialPoints: initialPointsSchema.optional(),
    // The ledger description of the opening points ("Welcome points" when left out).
    initialPointsReason: storableText(200)
      .transform((reason) => reason.trim() || undefined)
      .optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, { message: "send an email or a phone number (or both)", path: ["email"] });

export const upsertCustomerInput = z.object({
  externalId: externalIdSchema,
  email: emailSchema.optional(),
  name: nameSchema.optional(),
  phone: phoneSchema.optional(),
  notes: notesSchema.optional(),
  // Only when this call creates the customer (refused on an update).
  initialPoints: initialPointsSchema.optional(),
});

const changesShape = {
  name: nameSchema.optional(),
  // An email can be corrected, not removed (it is how the API and the portal find a customer).
  email: emailSchema.optional(),
  // null clears the external id.
  externalId: externalIdSchema.nullable().optional(),
  // null clears the phone number.
  phone: phoneSchema.nullable().optional(),
  // null (or empty) clears the notes.
  notes: notesSchema.optional(),
  // null clears the birthday.
  birthday: birthdaySchema.optional(),
  status: z.enum(customerStatuses).optional(),
};
const hasChange = (v: Record<string, unknown>) => Object.keys(changesShape).some((field) => v[field] !== undefined);
const NO_CHANGE = { message: "send at least one of name, email, phone, external id, notes, birthday or status", path: ["name"] };

// The editable fields on their own: the body of PATCH /customers/{id}.
export const customerChangesInput = z.object(changesShape).refine(hasChange, NO_CHANGE);
export const updateCustomerInput = z.object({ id: customerId, ...changesShape }).refine(hasChange, NO_CHANGE);

export const eraseCustomerInput = z.object({
  id: customerId,
  reason: storableText(500).optional(),
});

export type ListCustomersInput = z.input<typeof listCustomersInput>;
export type GetCustomerInput = z.input<typeof getCustomerInput>;
export type CreateCustomerInput = z.input<typeof createCustomerInput>;
export type UpsertCustomerInput = z.input<typeof upsertCustomerInput>;
export type UpdateCustomerInput = z.input<typeof updateCustomerInput>;
export type EraseCustomerInput = z.input<typeof eraseCustomerInput>;
