// Real local HTTP servers; no test asserts on timings, only on outcomes.
import http from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postWebhook } from "./post-webhook";

type Seen = { requests: { method?: string; headers: http.IncomingHttpHeaders; body: string }[]; connections: number };

const servers: http.Server[] = [];

async function receiver(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ port: number; seen: Seen }> {
  const seen: Seen = { requests: [], connections: 0 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.requests.push({ method: req.method, headers: req.headers, body });
      answer(req, res);
    });
  });
  server.on("connection", () => seen.connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

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
    const { port } = await receiver(() => {});
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await expect(send(`http://127.0.0.1:${port}/`)).resolves.toMatchObject({ statusCode: null, error: "connection refused" });
  });

  it("keeps the connection alive across deliveries to one receiver", TIMEOUT, async () => {
    const { port, seen } = await receiver((_req, res) => res.writeHead(200).end("ok"));
    for (let i = 0; i < 5; i++) await expect(send(`http://127.0.0.1:${port}/`)).resolves.toMatchObject({ error: null });
    expect(seen.requests).toHaveLength(5);
    expect(seen.connections).toBe(1);
  });
});

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

  it("connects to that same name when private addresses are allowed", TIMEOUT, async () => {
    const { port, seen } = await receiver((_req, res) => res.writeHead(200).end());
    await expect(send(`http://hooks.example.com:${port}/`, { allowPrivate: true, lookup: loopbackDns })).resolves.toMatchObject({
      statusCode: 200,
      error: null,
    });
    expect(seen.requests).toHaveLength(1);
  });
});
