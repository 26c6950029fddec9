// Turns a presented key into the business and scopes it stands for. Keys are looked up by
// hash; a short in-process cache spares a database round trip on every API call, and
// revoking a key evicts it at once in this process (other processes within CACHE_MS).
import { db } from "../db/client";
import { AppError } from "../errors";
import { hashApiKey, KEY_PREFIX } from "./create-api-key";

export type AuthenticatedKey = { id: string; businessId: string; name: string; scopes: string[]; rateLimitPerMinute: number | null };

const CACHE_MS = 10_000;
const LAST_USED_EVERY_MS = 60_000;
const cache = new Map<string, { key: AuthenticatedKey | null; until: number }>();
const lastUsedWritten = new Map<string, number>();

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
  const invalid = new AppError("UNAUTHORIZED", "Invalid or revoked API key.");
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) throw invalid;
  const hash = hashApiKey(presented);
  const now = Date.now();
  let cached = cache.get(hash);
  if (!cached || cached.until < now) {
    const row = await db.apiKey.findUnique({ where: { hash } });
    const key = row && !row.revokedAt ? { id: row.id, businessId: row.businessId, name: row.name, scopes: row.scopes, rateLimitPerMinute: row.rateLimitPerMinute } : null;
    cached = { key, until: now + CACHE_MS };
    cache.set(hash, cached);
  }
  if (!cached.key) throw invalid;
  touchLastUsed(cached.key.id, now);
  return cached.key;
}

// lastUsedAt is for humans ("used 2 minutes ago"): written at most once a minute per key, off
// the request's critical path.
function touchLastUsed(id: string, now: number): void {
  if ((lastUsedWritten.get(id) ?? 0) > now - LAST_USED_EVERY_MS) return;
  lastUsedWritten.set(id, now);
  db.apiKey.update({ where: { id }, data: { lastUsedAt: new Date(now) } }).catch(() => lastUsedWritten.delete(id));
}
