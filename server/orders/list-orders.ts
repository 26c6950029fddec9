// Reading orders: one with its lines and refunds, or a page of them (newest first) by customer
// and status, and for the portal also by a search and the days they were placed.
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { searchTerms } from "../customers/list-customers";
import { pagination, type Pagination } from "../paging";
import { findOrder, toPublicOrder, type PublicOrder } from "./order-record";
import type { listOrdersInput, searchOrdersInput } from "./order-schemas";

export async function getOrder(db: DbOrTx, actor: Actor, input: { externalId: string }): Promise<PublicOrder> {
  return toPublicOrder(await findOrder(db, actor, input.externalId));
}

type Filter = z.output<typeof listOrdersInput> & Partial<Pick<z.output<typeof searchOrdersInput>, "search" | "from" | "to">>;

export async function listOrders(db: DbOrTx, actor: Actor, filter: Filter): Promise<{ items: PublicOrder[]; pagination: Pagination }> {
  const { customerId, status, page, perPage } = filter;
  const where: Prisma.OrderWhereInput = { businessId: actor.businessId, customerId, status, ...searchWhere(filter) };
  const [rows, total] = await Promise.all([
    db.order.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.order.count({ where }),
  ]);
  return { items: rows.map((row) => toPublicOrder(row)), pagination: pagination(page, perPage, total) };
}

// The search matches the order's own id, or its customer's name or email (an erased customer's
// are gone, so only the order id finds their orders); days are UTC, both included.
function searchWhere({ search, from, to }: { search?: string; from?: string; to?: string }): Prisma.OrderWhereInput {
  const literal = search?.replace(/[\\%_]/g, "\\$&");
  return {
    OR: search ? [{ externalId: { contains: literal, mode: "insensitive" } }, { customer: { OR: searchTerms(search) } }] : undefined,
    placedAt: from || to ? { gte: from ? new Date(`${from}T00:00:00Z`) : undefined, lt: to ? nextDay(to) : undefined } : undefined,
  };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
