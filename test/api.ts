// Calling route handlers in-process with real Requests: the whole HTTP contract (auth, scopes,
// validation, envelope, headers) without starting a server. The database is real.
import { createApiKey } from "../server/api-keys/create-api-key";
import type { ApiKeyScope } from "../server/api-keys/api-key-scopes";
import { db } from "../server/db/client";
import type { Actor } from "../server/ledger/actor";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function createKey(businessId: string, options: { scopes?: ApiKeyScope[]; rateLimitPerMinute?: number } = {}) {
  const owner: Actor = { businessId, type: "SYSTEM", id: null, source: "PORTAL" };
  const { apiKey, key } = await createApiKey(db, owner, { name: "test key", scopes: options.scopes ?? [], rateLimitPerMinute: options.rateLimitPerMinute });
  return { id: apiKey.id, key };
}

export type CallOptions = {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string | number>;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

export async function call(method: string, handler: Handler, options: CallOptions = {}) {
  const url = new URL("http://localhost/api/v1/test");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const headers = new Headers(options.headers);
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    json = { unparsed: text };
  }
  return { status: response.status, headers: response.headers, json, data: (json.data ?? {}) as Record<string, unknown> };
}
