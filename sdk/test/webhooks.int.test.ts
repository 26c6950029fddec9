// verifyWebhook on the requests the app signs: a real endpoint (made through the SDK), real
// events from the outbox, the app's own signer. Only the untouched request verifies.
import { describe, expect, it } from "vitest";
import { signWebhook } from "@/server/webhooks/sign-webhook";
import { businessWithKey } from "@/test/api";
import { startApiServer } from "@/test/api-http-server";
import { signedDeliveries } from "@/test/signed-deliveries";
import { LoyaltyLedger, verifyWebhook, WebhookVerificationError, type WebhookEvent } from "../src/index.js";

async function delivered() {
  const { business, key } = await businessWithKey();
  const server = await startApiServer();
  const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl });
  const hook = await ll.post("/webhooks", { body: { url: "https://example.com/hooks", events: ["points.earned"] } });
  const award = await ll.post("/points/award", { body: { customerEmail: "hook@example.com", amount: 40 } });
  const [delivery] = await signedDeliveries(business.id, hook.endpoint.id, hook.secret);
  if (!delivery) throw new Error("no delivery");
  return { ll, hook, award, delivery, business };
}

describe("verifyWebhook", () => {
  it("returns the typed event of a request the app signed, from a plain object or a Headers", async () => {
    const { hook, award, delivery, business } = await delivered();
    const event = verifyWebhook(delivery.body, delivery.headers, hook.secret);
    expect(event).toMatchObject({ type: "points.earned", businessId: business.id });
    if (event.type !== "points.earned") throw new Error(event.type);
    const earned: WebhookEvent<"points.earned"> = event;
    expect(earned.data.entry).toMatchObject({ id: award.transaction.id, points: 40 });
    expect(verifyWebhook(new TextEncoder().encode(delivery.body), new Headers(delivery.headers), hook.secret).id).toBe(event.id);
  });

  it("refuses a tampered body, another secret, a stale timestamp and missing headers", async () => {
    const { hook, delivery, ll } = await delivered();
    const refused = (run: () => unknown) => expect(run).toThrow(WebhookVerificationError);
    const tampered = delivery.body.replace(/"points"\s*:\s*40/, '"points":4000');
    expect(tampered).not.toBe(delivery.body);
    refused(() => verifyWebhook(tampered, delivery.headers, hook.secret));
    refused(() => verifyWebhook(`${delivery.body} `, delivery.headers, hook.secret));
    const other = await ll.post("/webhooks", { body: { url: "https://example.com/other", events: ["points.earned"] } });
    refused(() => verifyWebhook(delivery.body, delivery.headers, other.secret));
    const id = delivery.headers["webhook-id"];
    const stale = signWebhook(id, new Date(Date.now() - 10 * 60_000), delivery.body, [hook.secret]);
    refused(() => verifyWebhook(delivery.body, stale, hook.secret));
    refused(() => verifyWebhook(delivery.body, { "webhook-id": id }, hook.secret));
  });

  it("verifies with either secret during a rotation (the request carries both signatures)", async () => {
    const { hook, delivery, ll } = await delivered();
    const rotated = await ll.post("/webhooks/{id}/rotate-secret", { params: { path: { id: hook.endpoint.id } } });
    const headers = signWebhook(delivery.headers["webhook-id"], new Date(), delivery.body, [rotated.secret, hook.secret]);
    expect(verifyWebhook(delivery.body, headers, rotated.secret).type).toBe("points.earned");
    expect(verifyWebhook(delivery.body, headers, hook.secret).type).toBe("points.earned");
  });
});
