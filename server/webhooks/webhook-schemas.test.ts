import { describe, expect, it } from "vitest";
import { createWebhookInput, isAllowedWebhookUrl } from "./webhook-schemas";

describe("isAllowedWebhookUrl", () => {
  it("allows https anywhere and http only on the local machine", () => {
    for (const ok of ["https://example.com/hooks", "http://localhost:4000/hook", "http://127.0.0.1/x", "http://[::1]:8080/"]) {
      expect(isAllowedWebhookUrl(ok), ok).toBe(true);
    }
    for (const bad of ["http://example.com/hook", "ftp://example.com", "not a url", "https://user:pw@example.com/", "http://localhost.evil.com/"]) {
      expect(isAllowedWebhookUrl(bad), bad).toBe(false);
    }
  });
});

describe("createWebhookInput", () => {
  it("takes known events or *, dropping duplicates", () => {
    const parsed = createWebhookInput.parse({ url: "https://example.com", events: ["points.earned", "points.earned", "*"] });
    expect(parsed.events).toEqual(["points.earned", "*"]);
    expect(createWebhookInput.safeParse({ url: "https://example.com", events: ["points.stolen"] }).success).toBe(false);
    expect(createWebhookInput.safeParse({ url: "https://example.com", events: [] }).success).toBe(false);
  });
});
