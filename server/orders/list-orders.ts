// Reading orders: one with its lines and refunds, or a page of them (newest first) by customer
// and status.
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { pagination, type Pagination } from "../paging";
import { findOrder, toPublicOrder, type PublicOrder } from "./order-record";
import type { listOrdersInput } from "./order-schemas";

export async function getOrder(db: DbOrTx, actor: Actor, input: { externalId: string }): Promise<PublicOrder> {
  return toPublicOrder(await findOrder(db, actor, input.externalId));
}

export async function listOrders(db: DbOrTx, actor: Actor, filter: z.output<typeof listOrdersInput>): Promise<{ items: PublicOrder[]; pagination: Pagination }> {
  const { customerId, status, page, perPage } = filter;
  const where: Prisma.OrderWhereInput = { businessId: actor.businessId, customerId, status };
  const [rows, total] = await Promise.all([
    db.order.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.order.count({ where }),
  ]);
  return { items: rows.map((row) => toPublicOrder(row)), pagination: pagination(page, perPage, total) };
}
