// GET /customers/export: every customer matching the table's filters (status, search) as CSV,
// streamed batch by batch. Behind the portal session (not the API), and for owners only: the
// whole list of names, emails and phones in one file is more than staff need to serve a
// customer (they look customers up one at a time).
import { portalActor } from "@/server/actors/actor";
import { portalSession } from "@/server/auth/portal-session";
import { listCustomersInput } from "@/server/customers/customer-schemas";
import { exportCustomers } from "@/server/customers/export-customers";
import { cookieValue } from "@/server/trpc/create-context";
import { readsFor, WROTE_COOKIE } from "@/server/trpc/read-your-writes";

export const dynamic = "force-dynamic";

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
  if (session.membership.role !== "OWNER") return new Response("Only the business owner can export customers.", { status: 403 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = listCustomersInput.safeParse({ ...params, page: 1, perPage: 100 });
  if (!parsed.success) return new Response("Invalid filters.", { status: 400 });
  const actor = portalActor(session.user, session.membership.business.id);
  const batches = exportCustomers(readsFor({ readsFromPrimary: cookieValue(request.headers, WROTE_COOKIE) !== null }), actor, parsed.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((c) => `${COLUMNS.map((k) => cell(c[k])).join(",")}\r\n`).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="customers-${session.membership.business.slug}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
