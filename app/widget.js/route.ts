// GET /widget.js: the customer widget stores embed (widget/, contract in widget/main.ts).
//
// Built here, once per server process, with esbuild from widget/ and kept in memory, rather
// than by a build step: `npm start` (scripts/start.ts), the CI build stage (`npx next build`,
// which runs no npm hooks) and a developer's `next dev` all serve a bundle that matches the
// sources, with no artefact to commit or forget to rebuild. The first request pays the build
// (about 50 ms); the e2e warm-up and the bench request it before measuring. In development the
// bundle is rebuilt on every request so edits show on reload.
//
// Compression is Next's (its `compress` default gzips route handler answers for clients that
// accept it, scripts/serve.ts included: about 11 kB on the wire); gzipping here as well sent it
// gzipped twice. ETag is the content's hash, so a store's visitors revalidate after 5 minutes
// with a 304 and pick up a new release within that.
import { buildWidget, type WidgetBundle } from "@/widget/build-widget";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";

export const dynamic = "force-dynamic";

const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400";
const RETRY_AFTER_SECONDS = 30;
// Any page may load it, also with crossorigin="anonymous" (Subresource Integrity) or under
// Cross-Origin-Embedder-Policy: on the 503 too, so such a page sees the 503, not a CORS error.
const CROSS_ORIGIN = { "Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin" };
let bundle: Promise<WidgetBundle> | undefined;

function current(): Promise<WidgetBundle> {
  if (env().NODE_ENV !== "production") return buildWidget();
  bundle ??= buildWidget().catch((error: unknown) => {
    // A failed build is tried again after RETRY_AFTER_SECONDS, not on every request: a broken
    // install under traffic would otherwise rebuild (and log) for each store page view.
    setTimeout(() => (bundle = undefined), RETRY_AFTER_SECONDS * 1000).unref();
    throw error;
  });
  return bundle;
}

export async function GET(request: Request): Promise<Response> {
  let built: WidgetBundle;
  try {
    built = await current();
  } catch (error) {
    // A store page must get a script that does nothing, not an HTML error page: a 503 it may
    // retry, logged here with the reason (widget/ missing from the install, esbuild's binary).
    logger().error({ err: error }, "widget.js could not be built");
    return new Response("/* The loyalty widget is unavailable right now. */\n", {
      status: 503,
      headers: { ...CROSS_ORIGIN, "Content-Type": "application/javascript; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
  const { code, etag } = built;
  const headers: Record<string, string> = {
    "Content-Type": "application/javascript; charset=utf-8",
    "Cache-Control": CACHE_CONTROL,
    ETag: etag,
    ...CROSS_ORIGIN,
  };
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(code), { headers });
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
}
