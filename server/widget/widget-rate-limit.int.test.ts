// The widget's limit counts per business and customer in the shared store: past the limit a
// request is refused with 429 and Retry-After, and another customer is not held up by it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { consumeWidgetRateLimit, widgetLimitKey } from "./widget-rate-limit";

describe("widget rate limit", () => {
  it("admits the limit, refuses the next with RATE_LIMITED, and counts customers apart", async () => {
    const business = randomUUID();
    const alice = widgetLimitKey(business, "customer:alice@example.com");
    for (let i = 0; i < 3; i++) expect((await consumeWidgetRateLimit(alice, 3)).headers["X-RateLimit-Remaining"]).toBe(String(2 - i));
    const refused = await consumeWidgetRateLimit(alice, 3).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("RATE_LIMITED");
    expect(Number((refused as AppError).headers?.["Retry-After"])).toBeGreaterThan(0);
    await expect(consumeWidgetRateLimit(widgetLimitKey(business, "customer:bob"), 3)).resolves.toBeDefined();
    expect(alice).not.toContain("alice");
  });
});
