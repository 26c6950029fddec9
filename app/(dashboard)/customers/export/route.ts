// GET /customers/export: the customer list as CSV with the table's current filters and sort.
// Behind the portal session (not the API); pages through listCustomers so the export shows
// exactly what the table does. Capped so one click can't pin the database on a huge tenant.
import { listCustomersInput } from "@/server/customers/customer-schemas";
import { listCustomers } from "@/server/customers/list-customers";
import { portalActor } from "@/server/auth/current-membership";
import { portalSession } from "@/server/auth/portal-session";
import { db } from "@/server/db/client";

export const dynamic = "force-dynamic";

const MAX_ROWS = 10_000;
const COLUMNS = ["id", "name", "email", "phone", "externalId", "status", "tier", "balance", "lifetimeEarned", "lifetimeRedeemed", "lastActivityAt", "createdAt"] as const;

// Quotes every field and defuses spreadsheet formulas (=, +, -, @ at the start of a cell).
function cell(value: unknown): string {
  let text = value instanceof Date ? value.toISOString() : value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export async function GET(request: Request) {
  const session = await portalSession();
  if (!session) return new Response("Please sign in.", { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = listCustomersInput.safeParse({ ...params, page: 1, limit: 100 });
  if (!parsed.success) return new Response("Invalid filters.", { status: 400 });
  const actor = portalActor(session.user, session.membership.business.id);
  const lines = [COLUMNS.join(",")];
  for (let page = 1; lines.length <= MAX_ROWS; page++) {
    const result = await listCustomers(db, actor, { ...parsed.data, page, limit: 100 });
    for (const customer of result.items) lines.push(COLUMNS.map((c) => cell(customer[c])).join(","));
    if (page >= result.pagination.totalPages) break;
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(`${lines.join("\r\n")}\r\n`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="customers-${session.membership.business.slug}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
