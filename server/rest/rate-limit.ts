// Per-key request limits (rate-limiter-flexible, in memory: limits are per app instance, which
// is what a self-hosted single instance needs; a cluster would swap in its Postgres store).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";

const limiters = new Map<number, RateLimiterMemory>();

function limiterFor(perMinute: number): RateLimiterMemory {
  let limiter = limiters.get(perMinute);
  if (!limiter) {
    limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
    limiters.set(perMinute, limiter);
  }
  return limiter;
}

export type RateLimitState = { headers: Record<string, string> };

export async function consumeRateLimit(keyId: string, perMinute: number | null): Promise<RateLimitState> {
  const limit = perMinute ?? env().API_RATE_LIMIT_PER_MINUTE;
  const headers = (res: RateLimiterRes) => ({
    "X-RateLimit-Limit": String(limit),
    "X-RateLimit-Remaining": String(Math.max(0, res.remainingPoints)),
    "X-RateLimit-Reset": String(Math.ceil((Date.now() + res.msBeforeNext) / 1000)),
  });
  try {
    return { headers: headers(await limiterFor(limit).consume(keyId)) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `Rate limit of ${limit} requests per minute exceeded; retry in ${retryAfter} s.`, undefined, {
      ...headers(rejection),
      "Retry-After": String(retryAfter),
    });
  }
}
