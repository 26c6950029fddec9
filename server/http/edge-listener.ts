// What our HTTP server (scripts/serve.ts) does to every request before Next sees it. Kept to
// a few header writes and one string check: it runs on every request, API and portal alike.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { requestIdOf } from "../actors/actor";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { isHttps, isTrustedSocket, looksLikeUntrustedProxy, resolveClientAddress, type TrustedProxies } from "./resolve-client-address";
import { securityHeaders, STRICT_TRANSPORT_SECURITY } from "./security-headers";

type Handle = (request: IncomingMessage, response: ServerResponse) => unknown;

// What a client may say about the request's origin only through one of our proxies: Next and
// Auth.js build absolute URLs (redirects, sign-in callbacks) from X-Forwarded-Host/-Proto.
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

export function edgeListener(handle: Handle, options: { trustedProxies: TrustedProxies; warn?: (line: string) => void }): RequestListener {
  const trusted = options.trustedProxies;
  let warned = false;
  return (request, response) => {
    const socket = request.socket;
    // Overwritten, never merged: whatever the client sent under this name is gone.
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
    if (isHttps((socket as TLSSocket).encrypted === true, socket.remoteAddress, request.headers["x-forwarded-proto"], trusted)) {
      response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
    if (!isTrustedSocket(socket.remoteAddress, trusted)) {
      if (!warned && trusted.length === 0 && request.headers["x-forwarded-for"] && looksLikeUntrustedProxy(socket.remoteAddress)) {
        warned = true;
        options.warn?.(
          `X-Forwarded-For arrived from ${socket.remoteAddress}, which TRUSTED_PROXIES doesn't name, so it was ignored and all its clients share one address for sign-in and API-key limits. If a reverse proxy runs there, set TRUSTED_PROXIES=${socket.remoteAddress}.`,
        );
      }
      // Only when present: deleting a property turns the headers object into a slow dictionary,
      // which Next then reads on every header lookup.
      for (const name of FORWARDING_HEADERS) if (request.headers[name] !== undefined) delete request.headers[name];
    }
    if (!decodablePath(request.url)) return refuseMalformedPath(request, response);
    return handle(request, response);
  };
}

// Next decodes path segments to match routes and throws (a 500) on a broken %-sequence.
function decodablePath(url: string | undefined): boolean {
  if (!url || !url.includes("%")) return true;
  const query = url.indexOf("?");
  try {
    decodeURIComponent(query === -1 ? url : url.slice(0, query));
    return true;
  } catch {
    return false;
  }
}

function refuseMalformedPath(request: IncomingMessage, response: ServerResponse): void {
  for (const { key, value } of securityHeaders({ dev: false })) response.setHeader(key, value);
  response.statusCode = 400;
  const message = "The request path contains a malformed %-encoded sequence.";
  if (request.url!.startsWith("/api/")) {
    response.setHeader("Content-Type", "application/json");
    response.setHeader("X-Request-Id", requestIdOf(new Headers({ "x-request-id": String(request.headers["x-request-id"] ?? "") })));
    response.end(JSON.stringify({ success: false, error: message, code: "VALIDATION_ERROR" }));
  } else {
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    response.end(`400 Bad Request: ${message}\n`);
  }
}
