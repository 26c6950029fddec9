// Which failures mean "the database can't serve this right now" rather than "this request is
// wrong" or "our bug": a lock held too long, a statement cancelled by statement_timeout, a full
// pool or server, a server shutting down or unreachable. They answer 503 with Retry-After (see
// toAppError in server/errors.ts), so a client retries instead of reporting a failure, and a
// load balancer can move traffic. One list, for pg errors as they come from the raw pool and
// as Prisma wraps them through @prisma/adapter-pg.
export type Unavailability = "busy" | "down";

type Node = {
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  kind?: unknown;
  cause?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: Node } };
};

const BUSY_SQLSTATES = new Set([
  "55P03", // lock_not_available: lock_timeout
  "57014", // query_canceled: statement_timeout
  "25P03", // idle_in_transaction_session_timeout ended the transaction
]);
const DOWN_SQLSTATES = new Set(["57P01", "57P02", "57P03"]); // admin/crash shutdown, cannot connect now
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOENT"]);
// Prisma's own: can't reach, timed out, server closed the connection, pool checkout timed out.
const PRISMA_CODES: Record<string, Unavailability> = { P1001: "down", P1002: "busy", P1017: "down", P2024: "busy" };
const ADAPTER_KINDS: Record<string, Unavailability> = {
  TooManyConnections: "busy",
  SocketTimeout: "busy",
  DatabaseNotReachable: "down",
  ConnectionClosed: "down",
};
// pg's own errors carry no code: pool checkout timeout, connect timeout, a dropped connection.
const MESSAGES: [RegExp, Unavailability][] = [
  [/timeout exceeded when trying to connect/i, "busy"],
  // Prisma's P2028 when an interactive transaction waited past maxWait for a connection: nothing
  // ran. (P2028 also names misuse, e.g. a transaction used after it closed: those stay 500s.)
  [/Unable to start a transaction in the given time/i, "busy"],
  [/Connection terminated due to connection timeout/i, "busy"],
  [/Connection terminated|connection error and is not queryable|Can't reach database server/i, "down"],
];

export function databaseUnavailability(error: unknown): Unavailability | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    const found = classify(current as Node) ?? classifyAdapter((current as Node).meta?.driverAdapterError?.cause);
    if (found) return found;
    current = (current as Node).cause;
  }
  return undefined;
}

function classify(e: Node): Unavailability | undefined {
  const code = typeof e.code === "string" ? e.code : typeof e.meta?.code === "string" ? e.meta.code : undefined;
  if (code) {
    if (BUSY_SQLSTATES.has(code) || code.startsWith("53")) return "busy"; // 53: insufficient resources, too many connections
    if (DOWN_SQLSTATES.has(code) || code.startsWith("08")) return "down"; // 08: connection exceptions
    if (PRISMA_CODES[code]) return PRISMA_CODES[code];
    // ENOENT: a Unix socket that is not there (server stopped); not any missing file.
    if (SOCKET_CODES.has(code) && (code !== "ENOENT" || e.syscall === "connect")) return "down";
  }
  if (typeof e.kind === "string" && ADAPTER_KINDS[e.kind]) return ADAPTER_KINDS[e.kind];
  if (typeof e.message === "string") return MESSAGES.find(([pattern]) => pattern.test(e.message as string))?.[1];
  return undefined;
}

function classifyAdapter(cause: Node | undefined): Unavailability | undefined {
  if (!cause) return undefined;
  const original = cause as Node & { originalCode?: unknown };
  return classify({ ...cause, code: original.originalCode ?? cause.code });
}
