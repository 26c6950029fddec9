import { db } from "@/server/db/client";
import { upsertProducts } from "@/server/products/upsert-products";
import { apiRoute } from "@/server/rest/api-route";
import { bulkUpsertProductsOperation } from "@/server/rest/operations/products-operations";

// POST /api/v1/products/bulk: up to 1,000 upserts, all in one transaction or none.
export const POST = apiRoute(bulkUpsertProductsOperation, async ({ actor, body }) => db.$transaction((tx) => upsertProducts(tx, actor, body), { timeout: 60_000 }));
