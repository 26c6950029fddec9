// One request against a shared limit (server/rate-limits/shared-limiter.ts): the API's per key,
// the widget's per customer. One limiter per prefix counts up to `ceiling`, past any single
// limit, and each caller's own limit is compared here: so keys with a thousand different limits
// still share one limiter, and the X-RateLimit-* headers come out the same everywhere.
import { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";
import { limiterFor } from "./shared-limiter";

export type LimitState = { headers: Record<string, string> };

export type LimitRequest = {
  prefix: string;
  ceiling: number;
  key: string;
  limit: number;
  // The sentence of the 429, given the seconds to wait.
  refusal: (retryAfterSeconds: number) => string;
};

export async function consumeLimit({ prefix, ceiling, key, limit, refusal }: LimitRequest): Promise<LimitState> {
  const limiter = limiterFor({ keyPrefix: prefix, points: ceiling, duration: 60 });
  const used = await limiter.consume(key).catch((rejection: unknown) => {
    // Past even the ceiling: still a count to answer from.
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
  throw new AppError("RATE_LIMITED", refusal(retryAfter), undefined, { ...headers, "Retry-After": String(retryAfter) });
}
