// The widget API's limit: per business and customer (the token's customer claim, so a page
// hammering with one customer's token is slowed whether or not they are a member yet), or per
// business and client address for the public program. Counted in Postgres like API keys'
// (server/rate-limits/shared-limiter.ts), so it holds across every app process.
import { createHash } from "node:crypto";
import { env } from "../env";
import { consumeLimit, type LimitState } from "../rate-limits/consume-limit";

export type WidgetRateLimitState = LimitState;

// The limited thing's key: hashed, so neither an email nor an address sits in rate_limits.
export function widgetLimitKey(businessId: string, who: string): string {
  return createHash("sha256").update(`${businessId}\n${who}`).digest("base64url");
}

export function consumeWidgetRateLimit(key: string, limit: number = env().WIDGET_RATE_LIMIT_PER_MINUTE): Promise<WidgetRateLimitState> {
  return consumeLimit({ prefix: "widget", ceiling: env().WIDGET_RATE_LIMIT_PER_MINUTE, key, limit, refusal: (retryAfter) => `Too many requests; retry in ${retryAfter} s.` });
}
