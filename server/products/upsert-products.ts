// POST /products/bulk: up to 1,000 upserts in one transaction (the caller's). All or nothing:
// the body schema refuses the whole call when any item is invalid or an externalId repeats, so
// a catalogue sync never lands half-applied. One audit record sums the call up.
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { productChanges } from "./product-record";
import { bulkProductsBody } from "./product-schemas";
import type { z } from "zod";

export type BulkOutcome = "created" | "updated" | "unchanged";
export type BulkProductsResult = {
  created: number;
  updated: number;
  unchanged: number;
  items: { index: number; externalId: string; id: string; outcome: BulkOutcome }[];
};

export async function upsertProducts(db: DbOrTx, actor: Actor, input: z.input<typeof bulkProductsBody>): Promise<BulkProductsResult> {
  const { products } = bulkProductsBody.parse(input);
  const businessId = actor.businessId;
  const externalIds = products.map((p) => p.externalId);
  const existing = new Map((await db.product.findMany({ where: { businessId, externalId: { in: externalIds } } })).map((row) => [row.externalId, row]));

  const outcomes = new Map<string, BulkOutcome>();
  const fresh = products.filter((p) => !existing.has(p.externalId));
  if (fresh.length) {
    const { count } = await db.product.createMany({ data: fresh.map((p) => ({ ...p, businessId })), skipDuplicates: true });
    // Another call created some of them meanwhile: rolled back whole, the same call again is safe.
    if (count !== fresh.length) throw new AppError("CONFLICT", "Another request created some of these products at the same time; send the call again.");
    for (const p of fresh) outcomes.set(p.externalId, "created");
  }
  for (const { externalId, ...fields } of products) {
    const current = existing.get(externalId);
    if (!current) continue;
    const changes = productChanges(current, fields);
    if (changes) await db.product.update({ where: { businessId_externalId: { businessId, externalId } }, data: changes });
    outcomes.set(externalId, changes ? "updated" : "unchanged");
  }

  const ids = new Map((await db.product.findMany({ where: { businessId, externalId: { in: externalIds } }, select: { id: true, externalId: true } })).map((r) => [r.externalId, r.id]));
  const items = products.map((p, index) => ({ index, externalId: p.externalId, id: ids.get(p.externalId)!, outcome: outcomes.get(p.externalId)! }));
  const count = (outcome: BulkOutcome) => items.filter((i) => i.outcome === outcome).length;
  const result = { created: count("created"), updated: count("updated"), unchanged: count("unchanged"), items };
  if (result.created + result.updated > 0) {
    const changed = (outcome: BulkOutcome) => items.filter((i) => i.outcome === outcome).map((i) => i.externalId);
    await recordAudit(db, actor, {
      action: "products.bulk_upserted",
      targetType: "product",
      details: { created: changed("created"), updated: changed("updated"), unchanged: result.unchanged },
    });
  }
  return result;
}
