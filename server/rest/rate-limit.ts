// Per-key request limits, counted in Postgres (server/rate-limits/shared-limiter.ts) so that a
// key's limit holds across every app process and machine on the database, not per process.
// One limiter for every key, counting up to the highest limit a key may have: each key's own
// limit is compared here, so keys with a thousand different limits still make one limiter.
import { MAX_RATE_LIMIT_PER_MINUTE } from "../api-keys/create-api-key";
import { env } from "../env";
import { consumeLimit, type LimitState } from "../rate-limits/consume-limit";

export type RateLimitState = LimitState;

export function consumeRateLimit(keyId: string, perMinute: number | null): Promise<RateLimitState> {
  const limit = perMinute ?? env().API_RATE_LIMIT_PER_MINUTE;
  return consumeLimit({
    prefix: "api",
    ceiling: Math.max(MAX_RATE_LIMIT_PER_MINUTE, env().API_RATE_LIMIT_PER_MINUTE),
    key: keyId,
    limit,
    refusal: (retryAfter) => `Rate limit of ${limit} requests per minute exceeded; retry in ${retryAfter} s.`,
  });
}
