// Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature), made by the
// standardwebhooks package itself so any receiver's library verifies them. During a rotation
// the request carries one signature per live secret, space-separated as the spec allows: a
// receiver still on the old secret and one already on the new both verify.
import { Webhook } from "standardwebhooks";

// Webhook decodes its secret on construction: one per secret, reused across deliveries.
const signers = new Map<string, Webhook>();

function signer(secret: string): Webhook {
  let webhook = signers.get(secret);
  if (!webhook) {
    if (signers.size > 1000) signers.clear();
    webhook = new Webhook(secret);
    signers.set(secret, webhook);
  }
  return webhook;
}

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

export function signWebhook(messageId: string, timestamp: Date, body: string, secrets: string[]): SignedHeaders {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => signer(secret).sign(messageId, timestamp, body)).join(" "),
  };
}
