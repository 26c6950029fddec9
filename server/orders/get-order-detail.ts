// The portal's order page: the order with its lines and refunds (each refund with the items it
// returned), who bought it (an erased customer shows as erased), the store, and the order's
// ledger entries. Looked up by our id: the shop's own ids can hold anything, a URL can't.
import { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { toPublicOrder, type PublicOrder, type PublicRefund } from "./order-record";

export type OrderCustomer = { id: string; name: string | null; email: string | null; erased: boolean };
export type RefundWithItems = PublicRefund & { items: { productExternalId: string; quantity: number }[] | null };
export type OrderEntry = { id: string; type: string; points: number; balanceAfter: number; description: string | null; createdAt: Date; availableAt: Date | null; staffName: string | null };
export type OrderDetail = Omit<PublicOrder, "refunds"> & {
  refunds: RefundWithItems[];
  customer: OrderCustomer;
  store: { id: string; name: string; code: string } | null;
  entries: OrderEntry[];
};

const refundItems = z.array(z.object({ productExternalId: z.string(), quantity: z.int() })).nullable().catch(null);

export async function getOrderDetail(db: DbOrTx, actor: Actor, input: { id: string }): Promise<OrderDetail> {
  const { businessId } = actor;
  if (!z.uuid().safeParse(input.id).success) throw new AppError("NOT_FOUND", "No such order in this business.");
  const row = await db.order.findUnique({ where: { businessId_id: { businessId, id: input.id } }, include: { items: true, refunds: true } });
  if (!row) throw new AppError("NOT_FOUND", "No such order in this business.");
  const [customer, store, entries] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id: row.customerId } }, select: { id: true, name: true, email: true, erasedAt: true } }),
    row.storeId ? db.store.findUnique({ where: { businessId_id: { businessId, id: row.storeId } }, select: { id: true, name: true, code: true } }) : null,
    // The order's entries carry its id in their metadata; erasure clears metadata, so the ids
    // the order and its refunds hold find them too.
    db.ledgerEntry.findMany({
      where: {
        businessId,
        customerId: row.customerId,
        OR: [
          { metadata: { path: ["orderId"], equals: row.id } },
          { id: { in: [row.awardEntryId, ...row.refunds.map((r) => r.entryId)].filter((id): id is string => id !== null) } },
        ],
      },
      orderBy: [{ createdAt: "asc" }],
      select: { id: true, type: true, points: true, balanceAfter: true, description: true, createdAt: true, availableAt: true, staffName: true },
      take: 200,
    }),
  ]);
  const { refunds: publicRefunds, ...order } = toPublicOrder(row);
  const itemsById = new Map(row.refunds.map((r) => [r.id, refundItems.parse(r.items)]));
  return {
    ...order,
    refunds: (publicRefunds ?? []).map((r) => ({ ...r, items: itemsById.get(r.id) ?? null })),
    customer: { id: customer.id, name: customer.name, email: customer.email, erased: customer.erasedAt !== null },
    store,
    entries,
  };
}
