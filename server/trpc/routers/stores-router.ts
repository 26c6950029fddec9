import { db } from "../../db/client";
import { createStore, getStore, listStores, updateStore } from "../../stores/manage-stores";
import { createStoreInput, storeIdParams, updateStoreInput } from "../../stores/store-schemas";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";

// Staff see the stores (they serve customers in them); only owners open, change or close one.
// Each change and its audit record commit together; ids are scoped to the actor's business by
// the domain functions, so another business's store is NOT_FOUND.
export const storesRouter = router({
  list: staffProcedure.query(({ ctx }) => listStores(db, ctx.actor)),
  get: staffProcedure.input(storeIdParams).query(({ ctx, input }) => getStore(db, ctx.actor, input)),
  create: ownerProcedure.input(createStoreInput).mutation(({ ctx, input }) => db.$transaction((tx) => createStore(tx, ctx.actor, input))),
  update: ownerProcedure.input(updateStoreInput).mutation(({ ctx, input }) => db.$transaction((tx) => updateStore(tx, ctx.actor, input))),
});
