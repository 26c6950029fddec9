// The customer list behind the portal's table and GET /customers: filter, search, sort, page.
// Erased customers are gone for every purpose but their anonymised ledger history.
// Sized for tenants of a million customers (npm run bench:scale): search reads a trigram index
// (customer_search), and the total is counted exactly only up to EXACT_TOTAL_LIMIT.
import type { DbOrTx } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { Actor } from "../actors/actor";
import { withLiveBalances } from "../ledger/live-balance";
import { pagination, type Pagination } from "../paging";
import { customerSortFields, listCustomersInput, type ListCustomersInput } from "./customer-schemas";
import { EXACT_TOTAL_LIMIT, MIN_SUBSTRING_SEARCH } from "./list-limits";
import { toPublicCustomer, type PublicCustomer } from "./to-public-customer";

export { EXACT_TOTAL_LIMIT, MIN_SUBSTRING_SEARCH };

export type CustomerPage = {
  items: PublicCustomer[];
  pagination: Pagination & { totalIsEstimate: boolean };
};

export async function listCustomers(db: DbOrTx, actor: Actor, input: ListCustomersInput = {}): Promise<CustomerPage> {
  const data = listCustomersInput.parse(input);
  const where = customerFilter(actor, data);
  const [rows, counted] = await Promise.all([pageOf(db, where, data), countOf(db, actor, where, data)]);
  const totalIsEstimate = counted > EXACT_TOTAL_LIMIT;
  return {
    items: (await withLiveBalances(db, actor.businessId, rows)).map(toPublicCustomer),
    pagination: { ...pagination(data.page, data.perPage, Math.min(counted, EXACT_TOTAL_LIMIT)), totalIsEstimate },
  };
}

// Up to EXACT_TOTAL_LIMIT + 1. A status filter alone is counted in SQL with the status written
// as a literal: Prisma sends it as CAST($n::text AS enum), which the planner can't fold (an
// enum's input function is only stable), so it could never prove customers_blocked_idx's
// predicate and counted the few blocked customers of a large tenant by reading all of it.
async function countOf(db: DbOrTx, actor: Actor, where: Prisma.CustomerWhereInput, data: ListCustomersInput): Promise<number> {
  if (!data.status || data.search) return db.customer.count({ where, take: EXACT_TOTAL_LIMIT + 1 });
  const [row] = await db.$queryRaw<{ n: bigint }[]>(statusCount(actor.businessId, data.status));
  return Number(row!.n);
}

export function statusCount(businessId: string, status: "ACTIVE" | "BLOCKED"): Prisma.Sql {
  const literal = Prisma.raw(status === "BLOCKED" ? "'BLOCKED'" : "'ACTIVE'");
  return Prisma.sql`
    SELECT count(*) AS n FROM (SELECT 1 FROM customers
     WHERE business_id = ${businessId}::uuid AND erased_at IS NULL AND status = ${literal} LIMIT ${EXACT_TOTAL_LIMIT + 1}) matching`;
}

type Sort = { sortBy: (typeof customerSortFields)[number]; sortOrder: "asc" | "desc" };

// Each sort has an index (business_id, column, id), so a page is read off it in order. Except
// DESC NULLS LAST, which a scan of it can't give (backwards it reads DESC NULLS FIRST): then
// the customers with a value first, those without after them, each read off that index.
async function pageOf(db: DbOrTx, where: Prisma.CustomerWhereInput, data: Sort & { page: number; perPage: number }) {
  const skip = (data.page - 1) * data.perPage;
  if (!(NULLABLE.has(data.sortBy) && data.sortOrder === "desc")) {
    return db.customer.findMany({ where, orderBy: customerOrder(data), skip, take: data.perPage });
  }
  const valued = { AND: [where, { [data.sortBy]: { not: null } }] };
  const rows = await db.customer.findMany({ where: valued, orderBy: [{ [data.sortBy]: "desc" }, { id: "desc" }], skip, take: data.perPage });
  if (rows.length === data.perPage) return rows;
  // How many have a value: known from this page unless it started past all of them.
  const before = rows.length > 0 ? skip + rows.length : await db.customer.count({ where: valued });
  const rest = await db.customer.findMany({
    where: { AND: [where, { [data.sortBy]: null }] },
    orderBy: { id: "desc" },
    skip: Math.max(0, skip - before),
    take: data.perPage - rows.length,
  });
  return [...rows, ...rest];
}

const NULLABLE = new Set<string>(["name", "lastActivityAt"]);

// Nullable columns sort their nulls last either way; the id, in the same direction, keeps pages
// stable on ties. The CSV export pages by cursor in this same order.
export function customerOrder(data: Sort): Prisma.CustomerOrderByWithRelationInput[] {
  const order = NULLABLE.has(data.sortBy) ? { sort: data.sortOrder, nulls: "last" as const } : data.sortOrder;
  return [{ [data.sortBy]: order }, { id: data.sortOrder }];
}

// The table's filters (status, search) as a Prisma filter; the CSV export uses the same one.
export function customerFilter(actor: Actor, data: { status?: "ACTIVE" | "BLOCKED"; search?: string }): Prisma.CustomerWhereInput {
  return {
    businessId: actor.businessId,
    erasedAt: null,
    status: data.status,
    ...(data.search && searchFilter(data.search)),
  };
}

// Name, email or phone, case-insensitively, on customer_search.text (lower(name), email and
// phone, one per line; see server/customers/sql/customer-search.sql), so one trigram index
// answers all three. Phones are stored normalised, so a search typed with spaces or dashes
// ("555 0100") is also tried in that form. One or two characters: names starting with them.
export function searchFilter(search: string): Prisma.CustomerWhereInput {
  // LIKE takes "%" and "_" as wildcards: typed in a search box they must match themselves.
  const literal = (s: string) => s.toLowerCase().replace(/[\\%_]/g, "\\$&");
  if ([...search].length < MIN_SUBSTRING_SEARCH) return { search: { is: { text: { startsWith: literal(search) } } } };
  const texts: Prisma.CustomerSearchWhereInput[] = [{ text: { contains: literal(search) } }];
  const digits = search.replace(/[\s().-]/g, "");
  if (digits !== search && /^\+?\d{3,15}$/.test(digits)) texts.push({ text: { contains: digits } });
  // One relation filter with the OR inside: one index lookup, not one subquery per term.
  return { search: { is: texts.length === 1 ? texts[0] : { OR: texts } } };
}

// The same filter as a list of alternatives, for lists that search customers among other
// things (orders: the order id, or its customer).
export function searchTerms(search: string): Prisma.CustomerWhereInput[] {
  return [searchFilter(search)];
}
