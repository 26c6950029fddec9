// The address of the client that sent a request, for per-client limits (failed API keys,
// sign-in attempts). Route handlers can't see the socket, and Next fills X-Forwarded-For only
// when the client didn't send one, so a client could name any address it liked. Our HTTP server
// (scripts/serve.ts) therefore writes CLIENT_ADDRESS_HEADER on every request, overwriting
// whatever the client sent: the socket address, or the forwarded one when the socket is a
// proxy named in TRUSTED_PROXIES.
import { limitKeyOf } from "./resolve-client-address";

export const CLIENT_ADDRESS_HEADER = "x-ll-client-address";

export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}

// The key per-client limits count by (an IPv6 client by its /64).
export function clientLimitKey(headers: Headers): string {
  return limitKeyOf(clientAddress(headers));
}
