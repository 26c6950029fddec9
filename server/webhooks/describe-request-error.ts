// A failed webhook request as a short sentence for the delivery log an integrator reads.
// Node's messages name internals ("getaddrinfo ENOTFOUND", the filtering agent's long
// "DNS lookup ... is not allowed. Because, ..."), so the known ones are translated.

const TLS_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the receiver",
  EPIPE: "connection closed by the receiver",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup failed",
  EAI_FAIL: "DNS lookup failed",
  EAI_NODATA: "DNS lookup failed",
};

export function formatTimeout(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

export function describeRequestError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  // request-filtering-agent: "DNS lookup 10.0.0.5(family:4, host:x) is not allowed. Because, It is private IP address."
  const refused = /^DNS lookup (.+?)\(family:.*is not allowed\. Because,? It is (private|meta|defined in denyIPAddressList)/.exec(message);
  if (refused) return `address not allowed: ${refused[1]} is ${refused[2] === "meta" ? "unspecified" : "private"}`;
  if (typeof code === "string") {
    if (BY_CODE[code]) return BY_CODE[code];
    if (TLS_CODES.has(code) || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) return `TLS handshake failed (${code})`;
  }
  if (message === "socket hang up") return "connection closed before a response";
  return `request failed: ${message}`.slice(0, 200);
}
