import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signWebhook } from "./sign-webhook";
import { generateWebhookSecret } from "./webhook-secret";

describe("signWebhook", () => {
  const body = JSON.stringify({ id: "evt", type: "points.earned", data: {} });

  it("signs so that a Standard Webhooks receiver verifies it, and a tampered body fails", () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook("evt_1", new Date(), body, [secret]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace("earned", "redeemed"), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "evt_2" })).toThrow();
  });

  it("during a rotation carries both signatures: receivers on either secret verify", () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook("evt_1", new Date(), body, [newSecret, oldSecret]);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(body, headers)).toBeTruthy();
    expect(new Webhook(newSecret).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
