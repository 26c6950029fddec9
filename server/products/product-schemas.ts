// The catalogue as integrators and the portal send it. A product is named by the business's
// own id for it (externalId), the one its orders will carry; the REST operations and the
// portal's router validate with these same schemas.
import { z } from "zod";
import { pagedBy, pagingShape } from "../paging";
import { storableText } from "../storable";

export const MAX_PRODUCTS_PER_BULK = 1_000;
// Minor units: 2,000,000,000 cents is 20 million, far above any one product, and fits an int4.
export const MAX_PRICE_MINOR = 2_000_000_000;

export const externalIdSchema = storableText(100)
  .pipe(z.string().min(1, "must not be empty"))
  .meta({ description: "Your own id for the product (as your orders will name it), unique in the business; 1-100 characters, kept as sent (trimmed)." });

// "  Hot   drinks " and "Hot drinks" are one category for the earn rules to match on.
const category = storableText(80)
  .transform((v) => v.replace(/\s+/g, " "))
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .meta({ description: "Free text (Hot drinks), trimmed, inner spaces collapsed; empty or null clears it." });

const bool = z.boolean({ error: "must be true or false" });

export const productFieldsShape = {
  name: storableText(200).pipe(z.string().min(1, "the product needs a name")).meta({ description: "Shown in the portal and on order lines." }),
  sku: storableText(64).transform((v) => (v === "" ? null : v)).nullable().optional().meta({ description: "Your stock-keeping unit; null clears it." }),
  category: category.optional(),
  priceMinor: z
    .int("must be a whole number of minor units (cents)")
    .min(0, "must not be negative")
    .max(MAX_PRICE_MINOR, `must be at most ${MAX_PRICE_MINOR.toLocaleString("en")}`)
    .nullable()
    .optional()
    .meta({ description: "Price in minor units of the business's currency (450 = 4.50); null when unknown." }),
  excluded: bool.optional().meta({ description: "true: buying it earns no points (gift cards, tobacco). Default false." }),
  active: bool.optional().meta({ description: "false: no longer sold; kept for history. Default true." }),
};

// PUT body: fields left out keep their value (or take the default on a new product).
export const productBody = z.strictObject(productFieldsShape);
export const upsertProductInput = z.strictObject({ externalId: externalIdSchema, ...productFieldsShape });

// Every item is validated before anything is written: a bad one is a 400 naming it by index
// (products.3.priceMinor), and the call writes nothing.
export const bulkProductsBody = z.strictObject({
  products: z
    .array(upsertProductInput, { error: "must be a list of products" })
    .min(1, "send at least one product")
    .max(MAX_PRODUCTS_PER_BULK, `at most ${MAX_PRODUCTS_PER_BULK.toLocaleString("en")} products per call`)
    .superRefine((items, ctx) => {
      const seen = new Map<string, number>();
      items.forEach((item, index) => {
        const first = seen.get(item.externalId);
        if (first === undefined) seen.set(item.externalId, index);
        else ctx.addIssue({ code: "custom", path: [index, "externalId"], message: `repeats products.${first}.externalId (${item.externalId}); send each product once` });
      });
    })
    .meta({ description: "Each item is the PUT body plus its externalId; each externalId at most once." }),
});

export const productExternalIdParams = z.object({ externalId: z.string().max(200).meta({ description: "Your id for the product." }) });

const booleanQuery = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");
export const listProductsInput = z
  .object({
    q: storableText(100).optional().meta({ description: "Finds products whose name, SKU or externalId contains this, any case." }),
    category: storableText(80).transform((v) => v.replace(/\s+/g, " ")).optional().meta({ description: "Only this category (any case)." }),
    excluded: booleanQuery.optional().meta({ description: "Only products excluded from earning (true) or not (false)." }),
    active: booleanQuery.optional().meta({ description: "Only active (true) or inactive (false) products." }),
    ...pagingShape,
  })
  .transform(pagedBy);

export const setExcludedInput = z.object({ externalId: externalIdSchema, excluded: bool });

export type UpsertProductInput = z.input<typeof upsertProductInput>;
export type ProductFields = z.output<typeof upsertProductInput>;
export type ListProductsInput = z.input<typeof listProductsInput>;
