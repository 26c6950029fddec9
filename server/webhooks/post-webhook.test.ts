// Real local HTTP servers; no test asserts on timings, only on outcomes.
import type { LookupFunction } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver as receiver, stopReceivers } from "../../test/webhook-receiver";
import { postWebhook } from "./post-webhook";

afterEach(stopReceivers);

const send = (url: string, extra: { allowPrivate?: boolean; timeoutMs?: number; lookup?: LookupFunction } = {}) =>
  postWebhook({ url, headers: { "webhook-id": "msg_1" }, body: '{"type":"points.earned"}', allowPrivate: true, ...extra });

const TIMEOUT = { timeout: 20_000 };

describe("postWebhook", () => {
  it("POSTs the JSON body with our headers and reports a 2xx as success", TIMEOUT, async () => {
    const { port, seen } = await receiver((_req, res) => res.writeHead(204).end());
    const result = await send(`http://127.0.0.1:${port}/hooks?x=1`);
    expect(result).toMatchObject({ statusCode: 204, error: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen.requests).toHaveLength(1);
    expect(seen.requests[0]).toMatchObject({ method: "POST", body: '{"type":"points.earned"}' });
    expect(seen.requests[0]!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "LoyaltyLedger-Webhooks/1",
      "webhook-id": "msg_1",
    });
  });

  it("reports other statuses as failures without keeping the body", TIMEOUT, async () => {
    const { port } = await receiver((req, res) => res.writeHead(req.url === "/gone" ? 410 : 500).end("secret customer data ".repeat(10_000)));
    await expect(send(`http://127.0.0.1:${port}/boom`)).resolves.toMatchObject({ statusCode: 500, error: "HTTP 500" });
    await expect(send(`http://127.0.0.1:${port}/gone`)).resolves.toMatchObject({ statusCode: 410, error: "HTTP 410" });
  });

  it("stops reading an endless answer after 64 KiB", { timeout: 30_000 }, async () => {
    const { port } = await receiver((_req, res) => {
      res.writeHead(200);
      const more = () => {
        if (!res.destroyed) res.write(Buffer.alloc(16 * 1024), () => setImmediate(more));
      };
      more();
    });
    // Without the cap this would wait for the (longer than the test's) deadline.
    await expect(send(`http://127.0.0.1:${port}/`, { timeoutMs: 120_000 })).resolves.toMatchObject({ statusCode: 200, error: null });
  });

  it("does not follow redirects, and leaves the query out of the error", TIMEOUT, async () => {
    const { port, seen } = await receiver((_req, res) => res.writeHead(302, { location: "/elsewhere?token=abc" }).end());
    const result = await send(`http://127.0.0.1:${port}/hook`);
    expect(result).toMatchObject({ statusCode: 302, error: `redirect not followed (302 to http://127.0.0.1:${port}/elsewhere)` });
    expect(seen.requests).toHaveLength(1);
  });

  it("gives up at the deadline when the receiver never answers", TIMEOUT, async () => {
    const { port, seen } = await receiver(() => {});
    const result = await send(`http://127.0.0.1:${port}/slow`, { timeoutMs: 300 });
    expect(result).toMatchObject({ statusCode: null, error: "timed out after 300 ms" });
    expect(seen.requests).toHaveLength(1);
  });

  it("says so when nothing listens", TIMEOUT, async () => {
    const { port, stop } = await receiver(() => {});
    await stop();
    await expect(send(`http://127.0.0.1:${port}/`)).resolves.toMatchObject({ statusCode: null, error: "connection refused" });
  });

  it("keeps the connection alive across deliveries to one receiver", TIMEOUT, async () => {
    const { port, seen } = await receiver((_req, res) => res.writeHead(200).end("ok"));
    for (let i = 0; i < 5; i++) await expect(send(`http://127.0.0.1:${port}/`)).resolves.toMatchObject({ error: null });
    expect(seen.requests).toHaveLength(5);
    expect(seen.connections).toBe(1);
  });

  it("sends once more on a fresh connection when a kept-alive socket turns out closed", TIMEOUT, async () => {
    let count = 0;
    const { port, seen } = await receiver((req, res) => {
      if (++count === 2) req.socket.destroy();
      else res.writeHead(200).end();
    });
    await expect(send(`http://127.0.0.1:${port}/`)).resolves.toMatchObject({ statusCode: 200 });
    await expect(send(`http://127.0.0.1:${port}/`)).resolves.toMatchObject({ statusCode: 200, error: null });
    expect(seen.requests).toHaveLength(3);
    expect(seen.connections).toBe(2);
  });
});
