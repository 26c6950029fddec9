import { db } from "@/server/db/client";
import { getProduct } from "@/server/products/manage-products";
import { upsertProduct } from "@/server/products/upsert-product";
import { apiRoute, reply } from "@/server/rest/api-route";
import { getProductOperation, upsertProductOperation } from "@/server/rest/operations/products-operations";

// GET /api/v1/products/{externalId}: one product of this business (404 for anyone else's).
export const GET = apiRoute(getProductOperation, async ({ actor, params }) => getProduct(db, actor, params));

// PUT /api/v1/products/{externalId}: 201 when it created the product, else 200.
// The product and its audit record together, or neither.
export const PUT = apiRoute(upsertProductOperation, async ({ actor, params, body }) => {
  const result = await db.$transaction((tx) => upsertProduct(tx, actor, { ...body, externalId: params.externalId }));
  return reply(result, { status: result.created ? 201 : 200 });
});
