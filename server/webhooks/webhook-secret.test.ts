import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret } from "./webhook-secret";

describe("generateWebhookSecret", () => {
  it("makes a whsec_ secret of 24 random bytes, different every time", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it("is accepted by a Standard Webhooks receiver, which verifies what it signs", () => {
    const secret = generateWebhookSecret();
    const sender = new Webhook(secret);
    const payload = JSON.stringify({ type: "points.earned" });
    const timestamp = new Date();
    const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)), "webhook-signature": sender.sign("msg_1", timestamp, payload) };
    expect(new Webhook(secret).verify(payload, headers)).toEqual({ type: "points.earned" });
    expect(() => new Webhook(generateWebhookSecret()).verify(payload, headers)).toThrow();
  });
});
