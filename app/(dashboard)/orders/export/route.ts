// GET /orders/export?from=YYYY-MM-DD&to=YYYY-MM-DD: the orders placed in a date range as CSV,
// one row per order line, streamed from the database (server/orders/export-orders.ts). Owners
// only, as the ledger export: it carries every buyer's email and name.
import { PassThrough, Readable } from "node:stream";
import { portalActor } from "@/server/actors/actor";
import { portalSession } from "@/server/auth/portal-session";
import { exportOrders, exportOrdersInput } from "@/server/orders/export-orders";
import { logger } from "@/server/observability/logger";
import { cookieValue } from "@/server/trpc/create-context";
import { readsFor, WROTE_COOKIE } from "@/server/trpc/read-your-writes";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const session = await portalSession();
  if (!session) return new Response("Please sign in.", { status: 401 });
  if (session.membership.role !== "OWNER") return new Response("Only the business owner can export orders.", { status: 403 });
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = exportOrdersInput.safeParse(params);
  if (!parsed.success) return new Response("Dates are YYYY-MM-DD, from no later than to.", { status: 400 });
  const actor = portalActor(session.user, session.membership.business.id);
  const out = new PassThrough();
  exportOrders(readsFor({ readsFromPrimary: cookieValue(request.headers, WROTE_COOKIE) !== null }), actor, parsed.data, out).then(
    () => out.end(),
    (error: unknown) => {
      logger().error({ err: error }, "orders export failed");
      out.destroy(error as Error);
    },
  );
  const { from, to } = parsed.data;
  const range = from || to ? `-${from ?? "start"}-to-${to ?? "now"}` : "";
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="orders-${session.membership.business.slug}${range}.csv"`,
      "cache-control": "no-store",
    },
  });
}
