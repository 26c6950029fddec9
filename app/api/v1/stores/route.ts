import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { createStoreOperation, listStoresOperation } from "@/server/rest/operations/stores-operations";
import { createStore, listStores } from "@/server/stores/manage-stores";

// GET /api/v1/stores: the business's stores by name.
export const GET = apiRoute(listStoresOperation, async ({ actor, query }) => listStores(db, actor, query));

// POST /api/v1/stores: 201 with the new store.
// The store and its audit record together, or neither.
export const POST = apiRoute(createStoreOperation, async ({ actor, body }) => db.$transaction((tx) => createStore(tx, actor, body)));
