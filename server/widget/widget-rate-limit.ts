// The widget API's limit: per business and customer (the token's customer claim, so a page
// hammering with one customer's token is slowed whether or not they are a member yet), or per
// business and client address for the public program. Counted in Postgres like API keys'
// (server/rate-limits/shared-limiter.ts), so it holds across every app process.
import { createHash } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";
import { limiterFor } from "../rate-limits/shared-limiter";

export type WidgetRateLimitState = { headers: Record<string, string> };

// The limited thing's key: hashed, so neither an email nor an address sits in rate_limits.
export function widgetLimitKey(businessId: string, who: string): string {
  return createHash("sha256").update(`${businessId}\n${who}`).digest("base64url");
}

export async function consumeWidgetRateLimit(key: string, limit: number = env().WIDGET_RATE_LIMIT_PER_MINUTE): Promise<WidgetRateLimitState> {
  // One limiter for the prefix, counting past any limit; the limit itself is compared here.
  const limiter = limiterFor({ keyPrefix: "widget", points: env().WIDGET_RATE_LIMIT_PER_MINUTE, duration: 60 });
  const used = await limiter.consume(key).catch((rejection: unknown) => {
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
  throw new AppError("RATE_LIMITED", `Too many requests; retry in ${retryAfter} s.`, undefined, { ...headers, "Retry-After": String(retryAfter) });
}
