// The edge listener on a real socket (loopback), with a stand-in for Next that echoes what it
// was handed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./client-address";
import { edgeListener } from "./edge-listener";
import { parseTrustedProxies } from "./resolve-client-address";

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function serve(trusted: string) {
  let seen = 0;
  const warnings: string[] = [];
  server = createServer(
    edgeListener(
      (request, response) => {
        seen++;
        response.setHeader("content-type", "application/json");
        const forwarded = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.startsWith("x-forwarded") || name === "forwarded"));
        response.end(JSON.stringify({ address: clientAddress(new Headers(request.headers as Record<string, string>)), forwarded }));
      },
      { trustedProxies: parseTrustedProxies(trusted), warn: (line) => warnings.push(line) },
    ),
  );
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, handled: () => seen, warnings };
}

describe("edge listener", () => {
  it("names the socket's address, overwriting what the client sent and ignoring its X-Forwarded-For", async () => {
    const { base } = await serve("");
    const res = await fetch(`${base}/api/v1/ping`, { headers: { "x-forwarded-for": "198.51.100.2", [CLIENT_ADDRESS_HEADER]: "198.51.100.3" } });
    expect(await res.json()).toMatchObject({ address: "127.0.0.1" });
  });

  it("drops forwarding headers (host, proto, for) from a socket that isn't a trusted proxy, and warns once when it looks like our own proxy", async () => {
    const { base, warnings } = await serve("");
    const spoofed = { "x-forwarded-for": "198.51.100.2", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", forwarded: "host=evil.example" };
    expect((await (await fetch(`${base}/`, { headers: spoofed })).json()).forwarded).toEqual({});
    await fetch(`${base}/`, { headers: spoofed });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/TRUSTED_PROXIES=127\.0\.0\.1/);
  });

  it("passes a trusted proxy's forwarding headers on", async () => {
    const { base, warnings } = await serve("127.0.0.1");
    const body = await (await fetch(`${base}/`, { headers: { "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" } })).json();
    expect(body.forwarded).toMatchObject({ "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" });
    expect(warnings).toEqual([]);
  });

  it("believes X-Forwarded-For only when the socket is a trusted proxy", async () => {
    const { base } = await serve("127.0.0.1");
    const res = await fetch(`${base}/`, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.2" } });
    expect(await res.json()).toMatchObject({ address: "198.51.100.2" });
  });

  it("sends Strict-Transport-Security only over https (a trusted proxy's X-Forwarded-Proto)", async () => {
    const untrusted = await serve("");
    expect((await fetch(`${untrusted.base}/`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
    server!.close();
    const trusted = await serve("127.0.0.1");
    expect((await fetch(`${trusted.base}/`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${trusted.base}/`, { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("answers a malformed %-sequence in the path with 400 (the REST envelope under /api/), never reaching Next", async () => {
    const { base, handled } = await serve("");
    const api = await fetch(`${base}/api/v1/customers/%E0%A4%A`);
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({ success: false, error: expect.stringMatching(/malformed/), code: "VALIDATION_ERROR" });
    expect(api.headers.get("x-request-id")).toBeTruthy();
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    const page = await fetch(`${base}/customers/%E0%A4%A?q=1`);
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(handled()).toBe(0);
    // Well-formed escapes, and a broken one in the query string (URLSearchParams is lenient), go through.
    expect((await fetch(`${base}/api/v1/pos/customer/%2B15550102000?x=%E0%A4%A`)).status).toBe(200);
    expect(handled()).toBe(1);
  });
});
