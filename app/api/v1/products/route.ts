import { db } from "@/server/db/client";
import { listProducts } from "@/server/products/manage-products";
import { apiRoute } from "@/server/rest/api-route";
import { listProductsOperation } from "@/server/rest/operations/products-operations";

// GET /api/v1/products: the catalogue by name, searched and filtered, paged.
export const GET = apiRoute(listProductsOperation, async ({ actor, query }) => listProducts(db, actor, query));
