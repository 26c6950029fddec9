// The SSRF guard at send time, against a real local server that must see nothing.
import type { LookupFunction } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver as receiver, stopReceivers } from "../../test/webhook-receiver";
import { postWebhook } from "./post-webhook";

afterEach(stopReceivers);

const send = (url: string, extra: { allowPrivate?: boolean; timeoutMs?: number; lookup?: LookupFunction } = {}) =>
  postWebhook({ url, headers: { "webhook-id": "msg_1" }, body: '{"type":"points.earned"}', allowPrivate: true, ...extra });

const TIMEOUT = { timeout: 20_000 };

describe("postWebhook with the SSRF guard on", () => {
  const loopbackDns: LookupFunction = (_hostname, options, callback) => {
    const cb = callback as (...args: unknown[]) => void;
    if ((options as { all?: boolean }).all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
    else cb(null, "127.0.0.1", 4);
  };

  it.each(["https://127.0.0.1:PORT/", "https://localhost:PORT/", "https://[::ffff:127.0.0.1]:PORT/", "http://127.0.0.1:PORT/"])(
    "refuses %s without connecting",
    TIMEOUT,
    async (template) => {
      const { port, seen } = await receiver((_req, res) => res.writeHead(200).end());
      const result = await send(template.replace("PORT", String(port)), { allowPrivate: false });
      expect(result.statusCode).toBeNull();
      expect(result.error).toMatch(/^URL not allowed: it (points to a private address|uses the local name|must be an https)/);
      expect(seen.connections).toBe(0);
    },
  );

  it("refuses a public-looking name that resolves to loopback at connect time (DNS rebinding)", TIMEOUT, async () => {
    const { port, seen } = await receiver((_req, res) => res.writeHead(200).end());
    const result = await send(`https://hooks.example.com:${port}/`, { allowPrivate: false, lookup: loopbackDns });
    expect(result).toMatchObject({ statusCode: null, error: "address not allowed: 127.0.0.1 is private" });
    expect(seen.connections).toBe(0);
  });

  it("refuses a name that resolves to an IPv4-compatible IPv6 address (::127.0.0.1), which the agent's ranges call public", TIMEOUT, async () => {
    const compatibleDns: LookupFunction = (_hostname, options, callback) => {
      const cb = callback as (...args: unknown[]) => void;
      if ((options as { all?: boolean }).all) cb(null, [{ address: "::7f00:1", family: 6 }]);
      else cb(null, "::7f00:1", 6);
    };
    await expect(send("https://hooks.example.com/", { allowPrivate: false, lookup: compatibleDns })).resolves.toMatchObject({
      statusCode: null,
      error: "address not allowed: ::7f00:1 is private",
    });
  });

  it("reports a name that does not resolve", TIMEOUT, async () => {
    const noSuchName: LookupFunction = (hostname, _options, callback) =>
      (callback as (error: Error) => void)(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }));
    await expect(send("https://hooks.example.com/", { allowPrivate: false, lookup: noSuchName })).resolves.toMatchObject({
      statusCode: null,
      error: "DNS lookup failed",
    });
  });

  it("connects to that same name when private addresses are allowed", TIMEOUT, async () => {
    const { port, seen } = await receiver((_req, res) => res.writeHead(200).end());
    await expect(send(`http://hooks.example.com:${port}/`, { allowPrivate: true, lookup: loopbackDns })).resolves.toMatchObject({
      statusCode: 200,
      error: null,
    });
    expect(seen.requests).toHaveLength(1);
  });
});
