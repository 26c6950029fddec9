// Per-key request limits, counted in Postgres (server/rate-limits/shared-limiter.ts) so that a
// key's limit holds across every app process and machine on the database, not per process.
// One limiter for every key, counting up to the highest limit a key may have: each key's own
// limit is compared here, so keys with a thousand different limits still make one limiter.
import { RateLimiterRes } from "rate-limiter-flexible";
import { MAX_RATE_LIMIT_PER_MINUTE } from "../api-keys/create-api-key";
import { env } from "../env";
import { AppError } from "../errors";
import { limiterFor } from "../rate-limits/shared-limiter";

export type RateLimitState = { headers: Record<string, string> };

export async function consumeRateLimit(keyId: string, perMinute: number | null): Promise<RateLimitState> {
  const limit = perMinute ?? env().API_RATE_LIMIT_PER_MINUTE;
  const limiter = limiterFor({ keyPrefix: "api", points: Math.max(MAX_RATE_LIMIT_PER_MINUTE, env().API_RATE_LIMIT_PER_MINUTE), duration: 60 });
  const used = await limiter.consume(keyId).catch((rejection: unknown) => {
    // Past even the highest limit: still a count to answer from.
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  });
  const headers = {
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(Math.max(0, limit - used.consumedPoints)),
    "X-RateLimit-Reset": String(Math.ceil((Date.now() + used.msBeforeNext) / 1000)),
  };
  if (used.consumedPoints <= limit) return { headers };
  const retryAfter = Math.max(1, Math.ceil(used.msBeforeNext / 1000));
  throw new AppError("RATE_LIMITED", `Rate limit of ${limit} requests per minute exceeded; retry in ${retryAfter} s.`, undefined, {
    ...headers,
    "Retry-After": String(retryAfter),
  });
}
