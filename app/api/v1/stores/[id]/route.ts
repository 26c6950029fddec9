import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { getStoreOperation, updateStoreOperation } from "@/server/rest/operations/stores-operations";
import { getStore, updateStore } from "@/server/stores/manage-stores";

// GET /api/v1/stores/{id}: one store of this business (404 for anyone else's).
export const GET = apiRoute(getStoreOperation, async ({ actor, params }) => getStore(db, actor, params));

// PATCH /api/v1/stores/{id}: name, code, address, active.
// The change and its audit record together, or neither.
export const PATCH = apiRoute(updateStoreOperation, async ({ actor, params, body }) =>
  db.$transaction((tx) => updateStore(tx, actor, { ...body, id: params.id })),
);
