// The customer list behind the portal's table and GET /customers: filter, search, sort, page.
// Erased customers are gone for every purpose but their anonymised ledger history.
import type { DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Actor } from "../actors/actor";
import { withLiveBalances } from "../ledger/live-balance";
import { pagination, type Pagination } from "../paging";
import { listCustomersInput, type ListCustomersInput } from "./customer-schemas";
import { toPublicCustomer, type PublicCustomer } from "./to-public-customer";

export type CustomerPage = {
  items: PublicCustomer[];
  pagination: Pagination;
};

export async function listCustomers(db: DbOrTx, actor: Actor, input: ListCustomersInput = {}): Promise<CustomerPage> {
  const data = listCustomersInput.parse(input);
  const where = customerFilter(actor, data);
  const [rows, total] = await Promise.all([
    db.customer.findMany({
      where,
      orderBy: customerOrder(data),
      skip: (data.page - 1) * data.perPage,
      take: data.perPage,
    }),
    db.customer.count({ where }),
  ]);
  return {
    items: (await withLiveBalances(db, actor.businessId, rows)).map(toPublicCustomer),
    pagination: pagination(data.page, data.perPage, total),
  };
}

// Nullable columns sort their nulls last either way; the id keeps pages stable on ties.
export function customerOrder(data: { sortBy: string; sortOrder: "asc" | "desc" }): Prisma.CustomerOrderByWithRelationInput[] {
  const nullable = data.sortBy === "name" || data.sortBy === "lastActivityAt";
  const order = nullable ? { sort: data.sortOrder, nulls: "last" as const } : data.sortOrder;
  return [{ [data.sortBy]: order }, { id: "asc" }];
}

// The table's filters (status, search) as a Prisma filter; the CSV export uses the same one.
export function customerFilter(actor: Actor, data: { status?: "ACTIVE" | "BLOCKED"; search?: string }): Prisma.CustomerWhereInput {
  return {
    businessId: actor.businessId,
    erasedAt: null,
    status: data.status,
    OR: data.search ? searchTerms(data.search) : undefined,
  };
}

// Name, email or phone, case-insensitively. Phones are stored normalised, so a search typed
// with spaces or dashes ("555 0100") is also tried in that form.
export function searchTerms(search: string): Prisma.CustomerWhereInput[] {
  // Prisma passes `contains` to LIKE as is: "%" or "_" typed in a search box would match anything.
  const literal = search.replace(/[\\%_]/g, "\\$&");
  const terms: Prisma.CustomerWhereInput[] = [
    { name: { contains: literal, mode: "insensitive" } },
    { email: { contains: literal, mode: "insensitive" } },
    { phone: { contains: literal } },
  ];
  const digits = search.replace(/[\s().-]/g, "");
  if (digits !== search && /^\+?\d{3,15}$/.test(digits)) terms.push({ phone: { contains: digits } });
  return terms;
}
