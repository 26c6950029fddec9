// A business's stores, as integrators and the portal write them. The code is the business's
// own short name for a store ("DT-01"), upper-cased so "dt-01" finds the same one.
import { z } from "zod";
import { storableText } from "../storable";

const storeCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, "must not be empty")
  .max(32, "must be at most 32 characters")
  .regex(/^[A-Z0-9]+(?:[-_.][A-Z0-9]+)*$/, "may hold letters, digits and single dashes, dots or underscores")
  .meta({ description: "Your short code for the store (DT-01), unique in the business; stored upper-cased." });

const storeName = storableText(120).pipe(z.string().min(1, "the store needs a name"));

export const createStoreInput = z.object({
  name: storeName,
  code: storeCode,
  address: storableText(300).optional().meta({ description: "Postal address, free text." }),
  active: z.boolean({ error: "must be true or false" }).default(true),
});

export const storeChangesShape = {
  name: storeName.optional(),
  code: storeCode.optional(),
  // null clears the address.
  address: storableText(300).nullable().optional(),
  // false closes the store: it stays in history, new points can't name it.
  active: z.boolean({ error: "must be true or false" }).optional(),
};
const hasChange = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const NO_CHANGE = { message: "send at least one of name, code, address or active", path: ["name"] };

export const storeChangesInput = z.object(storeChangesShape).refine(hasChange, NO_CHANGE);
export const updateStoreInput = z.object({ id: z.string().max(100), ...storeChangesShape }).refine(({ id: _id, ...rest }) => hasChange(rest), NO_CHANGE);
export const storeIdParams = z.object({ id: z.string().max(100).meta({ description: "The store id (a UUID).", format: "uuid" }) });
export const listStoresInput = z.object({
  active: z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true").optional().meta({ description: "Only open (true) or closed (false) stores." }),
});

export type CreateStoreInput = z.input<typeof createStoreInput>;
export type UpdateStoreInput = z.input<typeof updateStoreInput>;
