// POST /customers/import/run[?dryRun=1][&skipInvalid=1]: the portal's customer import. The CSV
// is the request body, streamed into server/import as it arrives (bounded memory, whatever the
// file's size); the answer is NDJSON: {type: "progress", ...} lines as the import goes, then
// one {type: "report", report} or {type: "error", message}. Owners only, like the exports.
// The body must be sent as text/csv: a cross-site form can't, so a forged upload never runs.
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { portalActor } from "@/server/actors/actor";
import { portalSession } from "@/server/auth/portal-session";
import { db } from "@/server/db/client";
import { toAppError } from "@/server/errors";
import { importCustomers } from "@/server/import/import-customers";
import { logger } from "@/server/observability/logger";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const session = await portalSession();
  if (!session) return new Response("Please sign in.", { status: 401 });
  if (session.membership.role !== "OWNER") return new Response("Only the business owner can import customers.", { status: 403 });
  if (!request.headers.get("content-type")?.startsWith("text/csv") || !request.body) {
    return new Response("Send the file as the request body, with content-type text/csv.", { status: 415 });
  }
  const params = new URL(request.url).searchParams;
  const totalBytes = Number(request.headers.get("x-file-size")) || undefined;
  const actor = portalActor(session.user, session.membership.business.id);
  const source = Readable.fromWeb(request.body as NodeWebStream<Uint8Array>);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      // A browser that went away stops getting lines, not the import: what is committed stays,
      // and the rest follows (running the file again would finish it just the same).
      const send = (line: unknown) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // the response was cancelled
        }
      };
      let last = 0;
      try {
        const report = await importCustomers(db, actor, source, {
          dryRun: params.get("dryRun") === "1",
          skipInvalid: params.get("skipInvalid") === "1",
          totalBytes,
          onProgress: (progress) => {
            // A few updates a second are plenty for a progress bar.
            if (Date.now() - last < 250) return;
            last = Date.now();
            send({ type: "progress", ...progress });
          },
        });
        send({ type: "report", report });
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === "INTERNAL") logger().error({ err: error }, "import failed");
        send({ type: "error", message: appError.message });
      }
      try {
        controller.close();
      } catch {
        // the response was cancelled
      }
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
