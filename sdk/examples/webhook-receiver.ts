// A webhook receiver: checks each request's signature with verifyWebhook, answers 400 to one
// that fails, skips events it has seen (deliveries are at least once), and hands points.redeemed
// to the store's coupon code. Run it, then add its URL as a webhook endpoint in the portal:
//   LOYALTY_WEBHOOK_SECRET=whsec_... PORT=4000 npx tsx sdk/examples/webhook-receiver.ts
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from "../src/index.js";
import { couponFromRedemption } from "./store.js";

export type ReceiverOptions = { secret: string; port?: number; log?: (line: string) => void };

// Events are small; anything far larger is not ours.
const MAX_BODY_BYTES = 1_000_000;

const rawBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new WebhookVerificationError("Body too large for a webhook.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
};

export async function main(options: ReceiverOptions) {
  const log = options.log ?? console.log;
  const seen = new Set<string>();
  const handled: WebhookEvent[] = [];

  const handle = (event: WebhookEvent) => {
    if (event.type === "points.redeemed") {
      const discount = couponFromRedemption(event);
      if (discount) log(`Discount ${discount.code} created for customer ${discount.customerId}`);
    } else {
      log(`${event.type} ${event.id}`);
    }
  };

  const receive = async (req: IncomingMessage): Promise<number> => {
    let event: WebhookEvent;
    try {
      // Verify the exact bytes received: a parsed and re-serialised body would not match.
      event = verifyWebhook(await rawBody(req), req.headers, options.secret);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      log(error.message);
      return 400;
    }
    // Seen only once handled: an event whose handling failed comes again (answered 500 below).
    if (!seen.has(event.id)) {
      handle(event);
      seen.add(event.id);
      handled.push(event);
    }
    return 204;
  };
  const server = createServer((req, res) => {
    receive(req).then(
      (status) => res.writeHead(status).end(),
      (error: unknown) => {
        log(`Could not handle a webhook: ${error instanceof Error ? error.message : String(error)}`);
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 4000, resolve));
  const { port } = server.address() as AddressInfo;
  log(`Listening for webhooks on http://localhost:${port}/`);
  return { port, handled, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.LOYALTY_WEBHOOK_SECRET;
  if (!secret) {
    console.error("Set LOYALTY_WEBHOOK_SECRET to the endpoint's secret (whsec_...), shown once when you create it.");
    process.exit(1);
  }
  await main({ secret, port: Number(process.env.PORT ?? 4000) });
}
