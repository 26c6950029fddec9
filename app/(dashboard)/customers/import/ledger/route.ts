// GET /customers/import/ledger?from=YYYY-MM-DD&to=YYYY-MM-DD: the ledger entries of a date range
// as CSV, streamed from the database (server/import/export-ledger.ts). Owners only: it carries
// every customer's email and name.
import { PassThrough, Readable } from "node:stream";
import { portalActor } from "@/server/actors/actor";
import { portalSession } from "@/server/auth/portal-session";
import { db } from "@/server/db/client";
import { exportLedger, exportLedgerInput } from "@/server/import/export-ledger";
import { logger } from "@/server/observability/logger";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const session = await portalSession();
  if (!session) return new Response("Please sign in.", { status: 401 });
  if (session.membership.role !== "OWNER") return new Response("Only the business owner can export the ledger.", { status: 403 });
  const parsed = exportLedgerInput.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("Choose a from and a to date (YYYY-MM-DD), from first.", { status: 400 });
  const actor = portalActor(session.user, session.membership.business.id);
  const out = new PassThrough();
  exportLedger(db, actor, parsed.data, out).then(
    () => out.end(),
    (error: unknown) => {
      logger().error({ err: error }, "ledger export failed");
      out.destroy(error as Error);
    },
  );
  const { from, to } = parsed.data;
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ledger-${session.membership.business.slug}-${from}-to-${to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
