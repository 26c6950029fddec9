// Operations of the stores endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { createStoreInput, listStoresInput, storeChangesInput, storeIdParams } from "../../stores/store-schemas";
import { defineOperation } from "../operation";

const storeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    code: z.string().meta({ description: "Your short code for the store, upper-cased." }),
    address: z.string().nullable(),
    active: z.boolean().meta({ description: "false: closed; it stays in history." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Store" });

export const listStoresOperation = defineOperation({
  method: "GET",
  path: "/stores",
  tag: "Stores",
  summary: "List stores",
  description: "The business's stores by name; `active=true` for the open ones. A till's points key may read them.",
  scope: "points:read",
  query: listStoresInput,
  response: z.array(storeSchema),
  status: 200,
  errors: ["VALIDATION_ERROR"],
});

export const createStoreOperation = defineOperation({
  method: "POST",
  path: "/stores",
  tag: "Stores",
  summary: "Create a store",
  description: "A shop or till location, with your own code for it (unique in the business; 409 ALREADY_EXISTS names the store that has it).",
  scope: "program:manage",
  body: createStoreInput,
  response: storeSchema,
  status: 201,
  example: { name: "Downtown", code: "DT-01", address: "1 Main St" },
  errors: ["VALIDATION_ERROR", "ALREADY_EXISTS"],
});

export const getStoreOperation = defineOperation({
  method: "GET",
  path: "/stores/{id}",
  tag: "Stores",
  summary: "Get a store",
  scope: "points:read",
  params: storeIdParams,
  response: storeSchema,
  status: 200,
  errors: ["NOT_FOUND"],
});

export const updateStoreOperation = defineOperation({
  method: "PATCH",
  path: "/stores/{id}",
  tag: "Stores",
  summary: "Change a store",
  description: "Its name, code, address, or `active: false` to close it. Stores are never deleted: history names them.",
  scope: "program:manage",
  params: storeIdParams,
  body: storeChangesInput,
  response: storeSchema,
  status: 200,
  example: { active: false },
  errors: ["VALIDATION_ERROR", "NOT_FOUND", "ALREADY_EXISTS"],
});
