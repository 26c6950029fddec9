// Reading the catalogue (the API's list and get, the portal's page) and the portal's one
// change: excluding a product from earning or including it again, audited.
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import type { Prisma, Product } from "../db/generated/client";
import { AppError } from "../errors";
import { pagination, type Pagination } from "../paging";
import { toPublicProduct, type PublicProduct } from "./product-record";
import { setExcludedInput, type listProductsInput } from "./product-schemas";

// The search text taken literally: "50%" finds "50% off", not everything starting with 50.
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findProduct(db: DbOrTx, actor: Actor, externalId: string): Promise<Product> {
  const row = await db.product.findUnique({ where: { businessId_externalId: { businessId: actor.businessId, externalId: externalId.trim() } } });
  if (!row) throw new AppError("NOT_FOUND", "No such product in this business.");
  return row;
}

export async function getProduct(db: DbOrTx, actor: Actor, input: { externalId: string }): Promise<PublicProduct> {
  return toPublicProduct(await findProduct(db, actor, input.externalId));
}

// The filter as the adapters parsed it with listProductsInput; by name, then id, paged.
export async function listProducts(
  db: DbOrTx,
  actor: Actor,
  filter: z.output<typeof listProductsInput>,
): Promise<{ items: PublicProduct[]; pagination: Pagination }> {
  const { q, category, excluded, active, page, perPage } = filter;
  const where: Prisma.ProductWhereInput = { businessId: actor.businessId, excluded, active };
  if (category) where.category = { equals: literal(category), mode: "insensitive" };
  if (q) {
    const contains = literal(q);
    where.OR = [
      { name: { contains, mode: "insensitive" } },
      { sku: { contains, mode: "insensitive" } },
      { externalId: { contains, mode: "insensitive" } },
    ];
  }
  const [rows, total] = await Promise.all([
    db.product.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * perPage, take: perPage }),
    db.product.count({ where }),
  ]);
  return { items: rows.map(toPublicProduct), pagination: pagination(page, perPage, total) };
}

export async function setProductExcluded(db: DbOrTx, actor: Actor, input: z.input<typeof setExcludedInput>): Promise<PublicProduct> {
  const { externalId, excluded } = setExcludedInput.parse(input);
  const before = await findProduct(db, actor, externalId);
  if (before.excluded === excluded) return toPublicProduct(before);
  const row = await db.product.update({ where: { businessId_id: { businessId: actor.businessId, id: before.id } }, data: { excluded } });
  const details = fieldChanges(before, row, ["excluded"]);
  if (details) await recordAudit(db, actor, { action: "product.updated", targetType: "product", targetId: row.id, details: { externalId, ...details } });
  return toPublicProduct(row);
}

// The portal's page: the list plus the business's currency, which prices are in.
export async function productsPage(db: DbOrTx, actor: Actor, filter: z.output<typeof listProductsInput>) {
  const [list, business] = await Promise.all([
    listProducts(db, actor, filter),
    db.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: { currency: true } }),
  ]);
  return { ...list, currency: business.currency };
}
