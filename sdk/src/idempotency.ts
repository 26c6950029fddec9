// Fills in the idempotency keys a write takes and the caller left out, so every write the SDK
// sends can be retried safely: the same key goes out on each retry of one call.
import { idempotencyKeyPlaces } from "./generated/operations.js";

type Body = Record<string, unknown>;

// Web Crypto's UUID: Node 20+ and every current browser. No Math.random fallback: a guessable or
// repeating key could make one customer's write answer as another's replay.
export function newIdempotencyKey(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (!crypto?.randomUUID) throw new Error("@loyalty-ledger/sdk needs crypto.randomUUID (Node 20+ or a current browser), or pass idempotencyKey yourself.");
  return crypto.randomUUID();
}

// A referenceId is the caller's key already (the API uses it when there is no idempotencyKey).
const hasKey = (body: Body) => body.idempotencyKey != null || body.referenceId != null;

// The body with keys filled in, and whether it is safe to resend (every place holds a key).
export function withIdempotencyKeys(operation: string, body: unknown, newKey: () => string): { body: unknown; keyed: boolean } {
  const places = idempotencyKeyPlaces[operation];
  if (!places || typeof body !== "object" || body === null || Array.isArray(body)) return { body, keyed: false };
  let next: Body = { ...(body as Body) };
  for (const place of places) {
    if (place === "") {
      if (!hasKey(next)) next = { ...next, idempotencyKey: newKey() };
      continue;
    }
    const items = next[place];
    if (!Array.isArray(items)) continue;
    next[place] = items.map((item: unknown) =>
      typeof item === "object" && item !== null && !hasKey(item as Body) ? { ...(item as Body), idempotencyKey: newKey() } : item,
    );
  }
  return { body: next, keyed: true };
}
