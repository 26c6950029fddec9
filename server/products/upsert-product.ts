// PUT /products/{externalId}: creates the product or changes the fields the body names.
// Idempotent: the same body again writes nothing, audits nothing and answers the same product.
import type { Actor } from "../actors/actor";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { PRODUCT_FIELDS, productChanges, toPublicProduct, type PublicProduct } from "./product-record";
import { upsertProductInput, type UpsertProductInput } from "./product-schemas";

export async function upsertProduct(db: DbOrTx, actor: Actor, input: UpsertProductInput): Promise<{ product: PublicProduct; created: boolean }> {
  const { externalId, ...fields } = upsertProductInput.parse(input);
  const businessId = actor.businessId;
  const where = { businessId_externalId: { businessId, externalId } };
  let current = await db.product.findUnique({ where });
  if (!current) {
    // ON CONFLICT DO NOTHING: a request creating the same product at the same moment makes
    // this one an update of it, not a unique-violation error.
    const { count } = await db.product.createMany({ data: [{ businessId, externalId, ...fields }], skipDuplicates: true });
    const row = await db.product.findUniqueOrThrow({ where });
    if (count === 1) {
      await recordAudit(db, actor, { action: "product.created", targetType: "product", targetId: row.id, details: { externalId, name: row.name, excluded: row.excluded } });
      return { product: toPublicProduct(row), created: true };
    }
    current = row;
  }
  const changes = productChanges(current, fields);
  if (!changes) return { product: toPublicProduct(current), created: false };
  const row = await db.product.update({ where, data: changes });
  const details = fieldChanges(current, row, PRODUCT_FIELDS);
  if (details) await recordAudit(db, actor, { action: "product.updated", targetType: "product", targetId: row.id, details: { externalId, ...details } });
  return { product: toPublicProduct(row), created: false };
}
