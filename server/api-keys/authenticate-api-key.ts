// Turns a presented key into the business and scopes it stands for. Keys are looked up by
// hash; an in-process cache spares a database round trip on every API call. A revoked,
// deleted or changed key leaves every process's cache when the change commits (the api_keys
// triggers NOTIFY, listen-for-changes.ts hears it), and while that feed is down nothing is
// cached at all, so no process serves a revoked key from its cache.
import { db } from "../db/client";
import { listenForChanges } from "../db/listen-for-changes";
import { limiterFor } from "../rate-limits/shared-limiter";
import { AppError } from "../errors";
import { clientLimitKey } from "../http/client-address";
import { hashApiKey, KEY_PREFIX } from "./create-api-key";

export type AuthenticatedKey = { id: string; businessId: string; name: string; scopes: string[]; rateLimitPerMinute: number | null };

// A backstop only: changes arrive as notices.
const CACHE_MS = 10_000;
// Bounded: valid keys only (a miss is never cached, so made-up keys can't grow it), oldest
// entry evicted first.
const CACHE_MAX = 10_000;
const LAST_USED_EVERY_MS = 60_000;
const cache = new Map<string, { key: AuthenticatedKey; until: number }>();
// Guessing keys costs a database lookup each: failures are limited per client address (the one
// our HTTP server names from the socket, so a client can't spread its guesses over made-up
// addresses, nor use up someone else's), across all processes.
const failures = () => limiterFor({ keyPrefix: "bad-key", points: 30, duration: 60 });
const lastUsedWritten = new Map<string, number>();
export const apiKeyChanges = listenForChanges("ll_api_key_changed", { notice: (hash) => cache.delete(hash), reset: () => cache.clear() });

export function forgetApiKey(hash: string): void {
  cache.delete(hash);
}

export function presentedKey(headers: Headers): string | null {
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  return (bearer ?? headers.get("x-api-key"))?.trim() || null;
}

export async function authenticateApiKey(headers: Headers): Promise<AuthenticatedKey> {
  const presented = presentedKey(headers);
  if (!presented) throw new AppError("UNAUTHORIZED", "Missing API key: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) throw invalid();
  const hash = hashApiKey(presented);
  const now = Date.now();
  const trusted = apiKeyChanges.listening();
  const cached = cache.get(hash);
  if (cached && cached.until >= now && trusted) {
    touchLastUsed(cached.key, now);
    return cached.key;
  }
  const client = clientLimitKey(headers);
  if (await isBlocked(client)) throw tooManyFailures();
  const generation = apiKeyChanges.generation();
  const row = await db.apiKey.findUnique({ where: { hash } });
  if (!row || row.revokedAt) {
    cache.delete(hash);
    await failures().penalty(client).catch(() => {});
    throw invalid();
  }
  const key = { id: row.id, businessId: row.businessId, name: row.name, scopes: row.scopes, rateLimitPerMinute: row.rateLimitPerMinute };
  cache.delete(hash);
  // A notice that arrived during the lookup may be about this very key: don't cache what was read before it.
  if (trusted && apiKeyChanges.generation() === generation) {
    cache.set(hash, { key, until: now + CACHE_MS });
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  }
  touchLastUsed(key, now);
  return key;
}

// Made only when thrown: an Error captures a stack trace, a real cost on every request.
const invalid = () => new AppError("UNAUTHORIZED", "Invalid or revoked API key.");

async function isBlocked(client: string): Promise<boolean> {
  const state = await failures().get(client);
  return state !== null && state.consumedPoints >= 30;
}

const tooManyFailures = () =>
  new AppError("RATE_LIMITED", "Too many requests with invalid API keys from this address; retry in a minute.", undefined, { "Retry-After": "60" });

// lastUsedAt is for humans ("used 2 minutes ago"): written at most once a minute per key, off
// the request's critical path.
function touchLastUsed({ id, businessId }: { id: string; businessId: string }, now: number): void {
  if ((lastUsedWritten.get(id) ?? 0) > now - LAST_USED_EVERY_MS) return;
  lastUsedWritten.set(id, now);
  db.apiKey
    .update({ where: { businessId_id: { businessId, id } }, data: { lastUsedAt: new Date(now) } })
    .catch(() => lastUsedWritten.delete(id));
}
