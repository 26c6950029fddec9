import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createWebhookInput, listDeliveriesInput, replayWebhookInput, updateWebhookInput, webhookChangesInput, WEBHOOK_EVENTS } from "./webhook-schemas";

const messages = (result: { success: boolean; error?: z.ZodError }) => result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("createWebhookInput", () => {
  it("takes known events or *, dropping duplicates", () => {
    const parsed = createWebhookInput.parse({ url: "https://example.com", events: ["points.earned", "points.earned", "*"] });
    expect(parsed.events).toEqual(["points.earned", "*"]);
    expect(createWebhookInput.safeParse({ url: "https://example.com", events: [] }).success).toBe(false);
  });

  it("reads the slash spelling as the dot one, before dropping duplicates", () => {
    const parsed = createWebhookInput.parse({ url: "https://example.com", events: ["points/redeemed", "customer/created", "points.redeemed", "badge/awarded"] });
    expect(parsed.events).toEqual(["points.redeemed", "customer.created", "badge.awarded"]);
  });

  it("names the valid events when one is unknown", () => {
    const result = createWebhookInput.safeParse({ url: "https://example.com", events: ["points.stolen"] });
    expect(messages(result)).toEqual([`events.0: must be one of ${WEBHOOK_EVENTS.join(", ")} or *`]);
    expect(WEBHOOK_EVENTS).toHaveLength(23);
    expect(messages(result)[0]).toContain("reward.redeemed");
    expect(messages(result)[0]).toContain("customer.tier_changed");
    expect(messages(result)[0]).toContain("customers.imported");
    expect(messages(result)[0]).toContain("points.expiring_soon");
    expect(messages(result)[0]).toContain("order.refunded");
  });

  it("stores the normalised URL and leaves where it points to checkWebhookUrl", () => {
    expect(createWebhookInput.parse({ url: " https://Example.com:443/a/../hooks?x=1#frag ", events: ["*"] }).url).toBe("https://example.com/hooks?x=1");
    // Refused by the domain's SSRF check unless WEBHOOK_ALLOW_PRIVATE_URLS, not by the schema:
    expect(createWebhookInput.parse({ url: "http://localhost:4000/hook", events: ["*"] }).url).toBe("http://localhost:4000/hook");
  });

  it("refuses what no setting allows, with a reason", () => {
    const cases: [string, string][] = [
      ["ftp://example.com/", "must be an https:// URL"],
      ["https://user:pw@example.com/", "must not contain a user name or password; authenticate with the signature instead"],
      ["example.com/hooks", "is not a valid absolute URL (https://host/path)"],
    ];
    for (const [url, message] of cases) {
      expect(messages(createWebhookInput.safeParse({ url, events: ["*"] })), url).toEqual([`url: ${message}`]);
    }
  });
});

describe("updateWebhookInput", () => {
  it("takes any one change, null clearing the description", () => {
    expect(webhookChangesInput.parse({ enabled: false })).toEqual({ enabled: false });
    expect(webhookChangesInput.parse({ description: null })).toEqual({ description: null });
    expect(updateWebhookInput.parse({ id: "x", events: ["customer/erased"], url: "https://example.com/h#f" })).toEqual({
      id: "x",
      events: ["customer.erased"],
      url: "https://example.com/h",
    });
  });

  it("refuses an empty change and a wrong type", () => {
    expect(messages(webhookChangesInput.safeParse({}))).toEqual(["url: send at least one of url, events, description or enabled"]);
    expect(messages(webhookChangesInput.safeParse({ enabled: "yes" }))).toEqual(["enabled: must be true or false"]);
  });
});

describe("replayWebhookInput", () => {
  it("defaults to failed deliveries up to now", () => {
    const from = new Date(Date.now() - 60 * 60 * 1000);
    const parsed = replayWebhookInput.parse({ from: from.toISOString() });
    expect(parsed.from).toEqual(from);
    expect(parsed.onlyFailed).toBe(true);
    expect(parsed.to.getTime()).toBeGreaterThan(from.getTime());
  });

  it("wants from before to and at most 30 days", () => {
    expect(replayWebhookInput.parse({ from: "2026-01-01T00:00:00Z", to: "2026-01-31T00:00:00Z", onlyFailed: false })).toMatchObject({
      to: new Date("2026-01-31T00:00:00Z"),
      onlyFailed: false,
    });
    expect(messages(replayWebhookInput.safeParse({ from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toEqual([
      "from: must be before to (or before now when to is left out)",
    ]);
    expect(messages(replayWebhookInput.safeParse({ from: "2026-01-01T00:00:00Z", to: "2026-01-31T00:00:01Z" }))).toEqual([
      "from: at most 30 days can be replayed at once; split the period",
    ]);
    expect(messages(replayWebhookInput.safeParse({ from: "last tuesday" }))).toEqual(["from: must be a date (ISO 8601)"]);
  });
});

describe("listDeliveriesInput", () => {
  it("pages like every other list and filters by status and event type", () => {
    expect(listDeliveriesInput.parse({})).toEqual({ page: 1, perPage: 25 });
    expect(listDeliveriesInput.parse({ limit: "50", status: "FAILED", eventType: "points/earned" })).toEqual({
      page: 1,
      perPage: 50,
      status: "FAILED",
      eventType: "points.earned",
    });
    expect(messages(listDeliveriesInput.safeParse({ perPage: 101 }))).toEqual(["perPage: at most 100 per page"]);
    expect(messages(listDeliveriesInput.safeParse({ status: "LOST" }))).toEqual(["status: must be one of PENDING, DELIVERED, FAILED"]);
  });
});
