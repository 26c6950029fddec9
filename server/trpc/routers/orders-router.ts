import { z } from "zod";
import { db, type Db } from "../../db/client";
import { getOrderDetail } from "../../orders/get-order-detail";
import { listOrders } from "../../orders/list-orders";
import { refundOrder } from "../../orders/refund-order";
import { searchOrdersInput } from "../../orders/order-schemas";
import { updateOrderStatus } from "../../orders/update-order-status";
import type { PublicOrder } from "../../orders/order-record";
import { router } from "../init";
import { staffProcedure } from "../procedures";
import { readsFor } from "../read-your-writes";

// Refunds and status moves are the counter's work, like adjusting and redeeming points: staff
// and owners alike (staffProcedure, as points.adjust and rewards.redeem). The domain functions
// scope every id to ctx.actor.businessId: another business's order is NOT_FOUND.
const orderRef = { externalId: z.string().max(200) };
// The refund's own fields are checked by the domain's schema (refundOrderBody), one sentence.
const refundInput = z.object({
  ...orderRef,
  amount: z.number().optional(),
  items: z.array(z.object({ productExternalId: z.string().max(200), quantity: z.number() })).max(500).optional(),
  idempotencyKey: z.string().max(255),
});

// Who bought each order on the page: one query, scoped to the business; erased customers show
// as such (their name and email are gone).
async function withCustomers(reads: Db, businessId: string, items: PublicOrder[]) {
  const ids = [...new Set(items.map((o) => o.customerId))];
  const rows = await reads.customer.findMany({ where: { businessId, id: { in: ids } }, select: { id: true, name: true, email: true, erasedAt: true } });
  const byId = new Map(rows.map((c) => [c.id, c]));
  return items.map((o) => {
    const c = byId.get(o.customerId);
    return { ...o, customer: { id: o.customerId, name: c?.name ?? null, email: c?.email ?? null, erased: Boolean(c?.erasedAt) } };
  });
}

export const ordersRouter = router({
  list: staffProcedure.input(searchOrdersInput).query(async ({ ctx, input }) => {
    const reads = readsFor(ctx);
    const page = await listOrders(reads, ctx.actor, input);
    return { ...page, items: await withCustomers(reads, ctx.actor.businessId, page.items) };
  }),

  get: staffProcedure.input(z.object({ id: z.string().max(100) })).query(({ ctx, input }) => getOrderDetail(db, ctx.actor, input)),

  refund: staffProcedure.input(refundInput).mutation(({ ctx, input }) => refundOrder(db, ctx.actor, input)),

  setStatus: staffProcedure
    .input(z.object({ ...orderRef, status: z.enum(["PAID", "FULFILLED", "CANCELLED"]) }))
    .mutation(({ ctx, input }) => updateOrderStatus(db, ctx.actor, input)),
});
