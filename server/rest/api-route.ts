// Builds a route handler from an Operation: API-key auth and scope, rate limit, body size and
// JSON parsing, unknown query parameters and body fields refused, zod validation of
// params/query/body, then the handler, then the envelope.
// Route files stay a few lines: the operation and a call into server/.
import type { NextResponse } from "next/server";
import type { z } from "zod";
import { keyAllows, keySeesPersonalData, type ApiKeyScope } from "../api-keys/api-key-scopes";
import { authenticateApiKey, type AuthenticatedKey } from "../api-keys/authenticate-api-key";
import { withoutPersonalData } from "../customers/to-public-customer";
import { AppError } from "../errors";
import { apiKeyActor, type Actor, type EntrySource } from "../actors/actor";
import { rejectUnknownKeys } from "../reject-unknown-keys";
import { ok, restHandler, type RouteContext } from "./envelope";
import { documentedQuery, type Operation } from "./operation";
import { consumeRateLimit } from "./rate-limit";

export const MAX_BODY_BYTES = 1_048_576;

export type ApiContext<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> = {
  actor: Actor;
  key: AuthenticatedKey;
  body: z.output<B>;
  query: z.output<Q>;
  params: z.output<P>;
  request: Request;
};

// A handler returns its data (sent with the operation's status), or a reply with its own.
export type Reply = { reply: true; data: unknown; status?: number; headers?: Record<string, string> };
export const reply = (data: unknown, options: { status?: number; headers?: Record<string, string> } = {}): Reply => ({ reply: true, data, ...options });

export function apiRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  operation: Operation<B, Q, P>,
  handler: (context: ApiContext<B, Q, P>) => Promise<unknown>,
  options: { source?: EntrySource } = {},
): (request: Request, context: RouteContext) => Promise<NextResponse> {
  return restHandler(async (request, context, requestId) => {
    if (!operation.scope) throw new Error(`${operation.method} ${operation.path}: apiRoute needs a scope`);
    const key = await authenticateApiKey(request.headers);
    const { headers: rateHeaders } = await consumeRateLimit(key.id, key.rateLimitPerMinute);
    try {
      if (!keyAllows(key.scopes, operation.scope)) {
        throw new AppError("FORBIDDEN", `This API key lacks the ${operation.scope} scope.`);
      }
      const params = operation.params ? operation.params.parse(await context.params) : undefined;
      const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
      rejectUnknownKeys(rawQuery, documentedQuery(operation), "query parameter");
      const query = operation.query ? operation.query.parse(rawQuery) : undefined;
      // An operation without a body still reads one sent anyway (DELETE with {"reason": ...}),
      // so its fields are refused rather than ignored.
      const rawBody = operation.csvBody && isCsv(request) ? operation.csvBody(await readText(request)) : await readJson(request);
      rejectUnknownKeys(rawBody, operation.body, "field");
      const body = operation.body ? operation.body.parse(rawBody) : undefined;
      // A till or back office may name the person at the counter (`staff` in the body).
      const staffName = typeof (body as { staff?: unknown } | undefined)?.staff === "string" ? (body as { staff: string }).staff : null;
      const actor = apiKeyActor(key, { source: options.source, staffName, requestId });
      const result = await handler({ actor, key, body, query, params, request } as ApiContext<B, Q, P>);
      const replied = isReply(result) ? result : reply(result);
      const data = keySeesPersonalData(key.scopes) ? replied.data : withoutPersonalData(replied.data);
      return ok(data, { status: replied.status ?? operation.status, headers: { ...rateHeaders, ...replied.headers } });
    } catch (error) {
      // Keep the rate-limit headers on refusals too: clients pace themselves by them.
      if (error instanceof AppError) throw new AppError(error.code, error.message, error.details, { ...rateHeaders, ...error.headers });
      throw error;
    }
  }, { route: operation.path });
}

// For a part of a request that needs more than the operation's own scope (initialPoints on a
// customer write creates points, so it also needs points:write).
export function requireScope(key: AuthenticatedKey, needed: ApiKeyScope, what: string): void {
  if (!keyAllows(key.scopes, needed)) throw new AppError("FORBIDDEN", `${what} needs the ${needed} scope; this API key lacks it.`);
}

function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && (value as Reply).reply === true;
}

// An operation that takes a file (coupon codes) also accepts it as text/csv.
const isCsv = (request: Request) => /^text\/csv\b/i.test(request.headers.get("content-type") ?? "");

// The body as text, refused past MAX_BODY_BYTES (declared or as it arrives). The portal's tRPC
// endpoint reads its bodies through this too.
export async function readText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  return readCapped(request);
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await readText(request);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_JSON", "The request body is not valid JSON.");
  }
}

// Counts bytes as they arrive: a chunked upload (no Content-Length) is cut off at the limit
// instead of being buffered whole first.
async function readCapped(request: Request): Promise<string> {
  if (!request.body) return "";
  // A declared length within the limit (checked above) is the common case: read it whole.
  if (request.headers.has("content-length")) return request.text().catch(unreadable);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(unreadable);
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// The client went away mid-body (a closed connection, a cancelled request): nobody is left to
// read the answer, and it is no server fault to log.
const unreadable = (): never => {
  throw new AppError("INVALID_JSON", "The request body could not be read completely.");
};

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
