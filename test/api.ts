// Calling route handlers in-process with real Requests: the whole HTTP contract (auth, scopes,
// validation, envelope, headers) without starting a server. The database is real.
import path from "node:path";
import { createApiKey } from "../server/api-keys/create-api-key";
import type { ApiKeyScope } from "../server/api-keys/api-key-scopes";
import { db } from "../server/db/client";
import { awardPoints } from "../server/ledger";
import { cliActor } from "../server/actors/actor";
import type { CustomerRef } from "../server/ledger/ledger-schemas";
import { makeBusiness } from "./fixtures";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function createKey(businessId: string, options: { scopes?: ApiKeyScope[]; rateLimitPerMinute?: number } = {}) {
  const { apiKey, key } = await createApiKey(db, cliActor(businessId), { name: "test key", scopes: options.scopes ?? [], rateLimitPerMinute: options.rateLimitPerMinute });
  return { id: apiKey.id, key };
}

type ProgramSettings = { earnMode?: "SPEND" | "UNIT"; earnRate?: number; rewardThreshold?: number | null };

// A fresh business (with the given programme settings) and a full-access API key for it.
export async function businessWithKey(settings: ProgramSettings = {}) {
  const { business, actor } = await makeBusiness();
  if (Object.keys(settings).length) await db.business.update({ where: { id: business.id }, data: settings });
  const { key } = await createKey(business.id);
  return { business, actor, key };
}

// A customer of `owner` with 50 points, for the "another business's object is a 404" cases;
// returns the award that enrolled them (its customerId and its own id are both useful).
export async function foreignCustomer(owner: { id: string }, ref: CustomerRef = { customerEmail: "owned@example.com" }) {
  return (await awardPoints(db, cliActor(owner.id), { ...ref, amount: 50 })).transaction;
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
  if (body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
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

// The route handler of a documented operation (its route.ts under app/api/v1), for tests that
// go through every operation.
export async function handlerFor(opPath: string, method: string): Promise<Handler> {
  const dir = opPath.split("/").filter(Boolean).map((s) => s.replace(/^\{(.+)\}$/, "[$1]"));
  const file = path.resolve("app/api/v1", ...dir, "route.ts");
  const routeModule = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  const handler = routeModule[method];
  if (!handler) throw new Error(`${file} has no ${method}`);
  return handler;
}
