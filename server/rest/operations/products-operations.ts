// Operations of the products endpoints (see server/rest/operation.ts); picked up by ./index.ts.
import { z } from "zod";
import { bulkProductsBody, listProductsInput, MAX_PRODUCTS_PER_BULK, productBody, productExternalIdParams } from "../../products/product-schemas";
import { defineOperation } from "../operation";
import { paginationSchema } from "../schemas";

const productSchema = z
  .object({
    id: z.uuid().meta({ description: "Our id for it." }),
    externalId: z.string().meta({ description: "Your id for it, as your orders name it." }),
    sku: z.string().nullable(),
    name: z.string(),
    category: z.string().nullable(),
    priceMinor: z.int().nullable().meta({ description: "Minor units of the business's currency; null when unknown." }),
    excluded: z.boolean().meta({ description: "true: buying it earns no points." }),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Product" });

export const listProductsOperation = defineOperation({
  method: "GET", path: "/products", tag: "Products", summary: "List products",
  description: "By name, paged. `q` searches name, SKU and externalId (any case, anywhere in them); `category`, `excluded` and `active` narrow it.",
  scope: "points:read", query: listProductsInput, response: z.object({ items: z.array(productSchema), pagination: paginationSchema }), status: 200,
  errors: ["VALIDATION_ERROR"],
});

export const getProductOperation = defineOperation({
  method: "GET", path: "/products/{externalId}", tag: "Products", summary: "Get a product", description: "By your id for it.",
  scope: "points:read", params: productExternalIdParams, response: productSchema, status: 200, errors: ["NOT_FOUND"],
});

export const upsertProductOperation = defineOperation({
  method: "PUT", path: "/products/{externalId}", tag: "Products", summary: "Create or change a product",
  description:
    "Creates the product (201, `created: true`) or changes the fields the body names (200); fields left out keep their value. " +
    "Idempotent: the same body again changes nothing. `excluded: true` keeps it from earning points. Audited. " +
    "(An externalId of `bulk` can't be used here: that path is the bulk call.)",
  scope: "program:manage", params: productExternalIdParams, body: productBody,
  response: z.object({ product: productSchema, created: z.boolean().meta({ description: "true: this call created it." }) }), status: 200,
  example: { name: "Flat white", sku: "FW-12OZ", category: "Hot drinks", priceMinor: 450, excluded: false },
  errors: ["VALIDATION_ERROR"],
});

export const bulkUpsertProductsOperation = defineOperation({
  method: "POST", path: "/products/bulk", tag: "Products", summary: "Create or change many products",
  description:
    `Up to ${MAX_PRODUCTS_PER_BULK.toLocaleString("en")} products, each as the PUT body plus its externalId, in one transaction. ` +
    "All or nothing: an invalid item (named by index in `details`, e.g. products.3.priceMinor) or an externalId sent twice is a 400 and nothing is written. " +
    "Each item answers created, updated or unchanged; the same call again changes nothing.",
  scope: "program:manage", body: bulkProductsBody,
  response: z.object({
    created: z.int(), updated: z.int(), unchanged: z.int(),
    items: z.array(z.object({ index: z.int(), externalId: z.string(), id: z.uuid(), outcome: z.enum(["created", "updated", "unchanged"]) })),
  }),
  status: 200,
  example: { products: [{ externalId: "sku-1001", name: "Flat white", category: "Hot drinks", priceMinor: 450 }, { externalId: "gift-25", name: "Gift card 25", priceMinor: 2500, excluded: true }] },
  errors: ["VALIDATION_ERROR", "CONFLICT"],
});
