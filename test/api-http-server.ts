// The /api/v1 route handlers behind a real HTTP server on a random port, for clients that must
// speak HTTP (the SDK, its examples): real sockets, so a test can drop a connection or watch a
// Retry-After. Requests are routed as Next.js routes them (a static segment before a dynamic
// one) to the same route.ts exports `npm start` serves. It records every call it answered.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import { openApiDocument } from "../server/rest/openapi";
import { handlerFor } from "./api";

export type ServedCall = { method: string; template: string; status: number; retryAfter: string | null; body: string };

export type ApiServerOptions = {
  // After the app has answered this request, close the socket instead of sending the answer:
  // the write happened, the client only sees a dropped connection.
  dropAnswer?: (call: { method: string; template: string; body: string; index: number }) => boolean;
};

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade"]);

type Route = { template: string; pattern: RegExp; names: string[]; rank: string; methods: string[] };

function routes(): Route[] {
  return Object.entries(openApiDocument().paths ?? {}).map(([template, item]) => {
    const segments = template.split("/").filter(Boolean);
    const names = segments.filter((s) => s.startsWith("{")).map((s) => s.slice(1, -1));
    const pattern = new RegExp(`^/${segments.map((s) => (s.startsWith("{") ? "([^/]+)" : s.replace(/[.]/g, "\\."))).join("/")}$`);
    // Next.js prefers a static segment to a dynamic one at each level: "s" sorts after "d".
    const rank = segments.map((s) => (s.startsWith("{") ? "d" : "s")).join("");
    return { template, pattern, names, rank, methods: Object.keys(item ?? {}).map((m) => m.toUpperCase()) };
  });
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

export async function startApiServer(options: ApiServerOptions = {}) {
  const table = routes();
  const calls: ServedCall[] = [];
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const route = table.filter((r) => r.pattern.test(path)).sort((a, b) => b.rank.localeCompare(a.rank))[0];
    if (!route || !url.pathname.startsWith("/api/v1/")) return void res.writeHead(404).end();
    if (!route.methods.includes(method)) return void res.writeHead(405).end();
    const values = route.pattern.exec(path)?.slice(1).map(decodeURIComponent) ?? [];
    const params = Object.fromEntries(route.names.map((name, i) => [name, values[i] ?? ""]));
    const raw = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string" && !HOP_BY_HOP.has(name)) headers.set(name, value);
    const request = new Request(url, { method, headers, body: raw.length ? new Uint8Array(raw) : undefined });
    const handler = await handlerFor(route.template, method);
    const response = await handler(request, { params: Promise.resolve(params) });
    const text = await response.text();
    const body = raw.toString("utf8");
    calls.push({ method, template: route.template, status: response.status, retryAfter: response.headers.get("retry-after"), body });
    if (options.dropAnswer?.({ method, template: route.template, body, index: calls.length - 1 })) return void req.socket.destroy();
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(text);
  };
  // A failure of this harness (not of the app, whose handlers answer every error) is a 500 that
  // names it, rather than an unhandled rejection.
  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end(`test server: ${(error as Error).stack}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  afterAll(close);
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close };
}
