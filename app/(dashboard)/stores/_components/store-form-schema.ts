// The store form's schema: the API's own name and code rules (so the same sentences), and the
// address as a text box gives it, where empty means none.
import { z } from "zod";
import { createStoreInput } from "@/server/stores/store-schemas";

export const storeFormSchema = z.object({
  name: createStoreInput.shape.name,
  code: createStoreInput.shape.code,
  address: z.string().trim().max(300, "must be at most 300 characters"),
});

export type StoreFormValues = z.input<typeof storeFormSchema>;

// Empty address: left out when creating, cleared (null) when editing.
export function toStoreInput(values: StoreFormValues) {
  const parsed = storeFormSchema.parse(values);
  return { name: parsed.name, code: parsed.code, address: parsed.address === "" ? null : parsed.address };
}
