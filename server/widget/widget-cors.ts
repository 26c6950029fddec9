// Which pages may call the widget API: those on an origin the owner allowed (CORS), and our own
// (the member page). A browser always sends Origin on a cross-origin request, so a page on any
// other origin is refused outright (403), not merely left unable to read the answer. A request
// without Origin comes from no browser page on another origin (a server, curl, a same-origin
// GET): it is let through, since a client outside a browser can claim any Origin anyway; what
// protects a customer's data is their token, not the header.
import { NextResponse } from "next/server";
import { db } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { restHandler, type RouteContext } from "../rest/envelope";
import { findWidget } from "./find-widget";
import { widgetParams } from "./widget-schemas";

export const WIDGET_CORS_METHODS = "GET, POST, OPTIONS";
export const WIDGET_CORS_REQUEST_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Request-Id";
const EXPOSED = "X-Request-Id, Idempotent-Replayed, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";
// Browsers cache an allowed preflight this long (seconds): an origin the owner removes stops
// working within 10 minutes at worst.
const PREFLIGHT_MAX_AGE = 600;

// The origin to answer with CORS headers for, or null for a request with no Origin (or our own
// origin, which needs none). Throws ORIGIN_NOT_ALLOWED for any other origin.
export function checkOrigin(request: Request, allowedOrigins: string[]): string | null {
  const origin = request.headers.get("origin");
  if (origin === null || isOwnOrigin(origin, request)) return null;
  if (allowedOrigins.includes(origin)) return origin;
  throw new AppError("ORIGIN_NOT_ALLOWED", `Pages on ${origin.slice(0, 200)} may not use this loyalty widget; its owner can allow the origin in the widget settings.`);
}

function isOwnOrigin(origin: string, request: Request): boolean {
  const ours = [new URL(request.url).origin];
  const appUrl = env().APP_URL;
  if (appUrl) ours.push(new URL(appUrl).origin);
  return ours.includes(origin);
}

// Set on every answer to an allowed origin, refusals included: the widget must be able to read
// a 401 to ask for a fresh token. Vary on every answer, allowed or not, so a cache never hands
// one origin's answer to another.
export function applyCors(headers: Headers, origin: string | null): void {
  headers.append("Vary", "Origin");
  if (!origin) return;
  headers.set("Access-Control-Allow-Origin", origin);
  headers.set("Access-Control-Expose-Headers", EXPOSED);
}

function preflightHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": WIDGET_CORS_METHODS,
    "Access-Control-Allow-Headers": WIDGET_CORS_REQUEST_HEADERS,
    "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE),
    Vary: "Origin",
  };
}

// The OPTIONS answer every widget route exports: a browser asks before a cross-origin request
// that sends a token (Authorization) or JSON. Only an origin the business allowed, for a widget
// that is switched on, gets the Access-Control-Allow-* headers; everything else is refused with
// none of them, so the browser never sends the request itself.
export function widgetPreflight(route: string): (request: Request, context: RouteContext) => Promise<NextResponse> {
  const handle = restHandler(async (request, context) => {
    const widget = await findWidget(db, widgetParams.parse(await context.params).publicId);
    const origin = request.headers.get("origin");
    if (!origin || !widget.allowedOrigins.includes(origin)) {
      throw new AppError("ORIGIN_NOT_ALLOWED", origin ? `Pages on ${origin.slice(0, 200)} may not use this loyalty widget.` : "A preflight request names its Origin.");
    }
    return new NextResponse(null, { status: 204, headers: preflightHeaders(origin) });
  }, { route });
  return async (request, context) => {
    const response = await handle(request, context);
    if (!response.headers.has("Vary")) response.headers.set("Vary", "Origin");
    return response;
  };
}
