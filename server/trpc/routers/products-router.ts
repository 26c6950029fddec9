import { z } from "zod";
import { db } from "../../db/client";
import { productsPage, setProductExcluded } from "../../products/manage-products";
import { setExcludedInput } from "../../products/product-schemas";
import { pagedBy, pagingShape } from "../../paging";
import { storableText } from "../../storable";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";

// The portal's inputs are typed values, not the REST query's "true"/"false" strings.
const listProductsPortal = z
  .object({ q: storableText(100).optional(), category: storableText(80).optional(), excluded: z.boolean().optional(), active: z.boolean().optional(), ...pagingShape })
  .transform(pagedBy);

// Staff see the catalogue (they sell it); only owners decide what earns points. The change and
// its audit record commit together; another business's product is NOT_FOUND.
export const productsRouter = router({
  list: staffProcedure.input(listProductsPortal).query(({ ctx, input }) => productsPage(db, ctx.actor, input)),
  setExcluded: ownerProcedure.input(setExcludedInput).mutation(({ ctx, input }) => db.$transaction((tx) => setProductExcluded(tx, ctx.actor, input))),
});
