// A real local HTTP server standing in for an integrator's webhook receiver, recording what
// reached it (requests and TCP connections), for postWebhook and delivery tests.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };
export type Receiver = { port: number; seen: { requests: ReceivedRequest[]; connections: number }; stop: () => Promise<void> };

const running = new Set<http.Server>();

async function close(server: http.Server) {
  running.delete(server);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

export async function startReceiver(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Receiver> {
  const seen: Receiver["seen"] = { requests: [], connections: 0 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(req, res);
    });
  });
  server.on("connection", () => seen.connections++);
  running.add(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen, stop: () => close(server) };
}

// For afterEach: a server left open would keep the test process alive.
export async function stopReceivers(): Promise<void> {
  await Promise.all([...running].map(close));
}
