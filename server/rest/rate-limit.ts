// Per-key request limits, counted in Postgres (server/rate-limits/shared-limiter.ts) so that a
// key's limit holds across every app process and machine on the database, not per process.
import { RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";
import { limiterFor } from "../rate-limits/shared-limiter";

export type RateLimitState = { headers: Record<string, string> };

export async function consumeRateLimit(keyId: string, perMinute: number | null): Promise<RateLimitState> {
  const limit = perMinute ?? env().API_RATE_LIMIT_PER_MINUTE;
  const headers = (res: RateLimiterRes) => ({
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(Math.max(0, res.remainingPoints)),
    "X-RateLimit-Reset": String(Math.ceil((Date.now() + res.msBeforeNext) / 1000)),
  });
  try {
    return { headers: headers(await limiterFor({ keyPrefix: "api", points: limit, duration: 60 }).consume(keyId)) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Rate limit of ${limit} requests per minute exceeded; retry in ${retryAfter} s.`, undefined, {
      ...headers(rejection),
      "Retry-After": String(retryAfter),
    });
  }
}
