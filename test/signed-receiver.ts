// A real HTTP receiver for delivery tests: verifies every request's Standard Webhooks signature
// with the standardwebhooks package, as an integrator's server would, and keeps what arrived.
// `answer` decides each response (status, or "hang" to hold it until released).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll } from "vitest";

export type Received = { id: string; body: { id: string; type: string; createdAt: string; businessId: string; data: Record<string, unknown> }; verified: boolean; headers: IncomingMessage["headers"] };
export type Answer = number | "hang";

export type Receiver = {
  url: string;
  received: Received[];
  // Every request, answered or not, in arrival order.
  requests: number;
  setSecrets: (secrets: string[]) => void;
  answer: (decide: (request: number, body: Received["body"]) => Answer) => void;
  // Answers every held request with `status`.
  releaseHanging: (status?: number) => void;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  let secrets: string[] = [];
  let decide: (request: number, body: Received["body"]) => Answer = () => 200;
  const hanging = new Set<ServerResponse>();
  const state = { received: [] as Received[], requests: 0 };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(raw) as Received["body"];
      const verified = secrets.some((secret) => {
        try {
          new Webhook(secret).verify(raw, req.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      });
      const answer = decide(++state.requests, body);
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      if (answer >= 200 && answer < 300) state.received.push({ id: String(req.headers["webhook-id"]), body, verified, headers: req.headers });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  afterAll(close);
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    get received() {
      return state.received;
    },
    get requests() {
      return state.requests;
    },
    setSecrets: (next) => (secrets = next),
    answer: (next) => (decide = next),
    releaseHanging: (status = 200) => {
      for (const res of hanging) res.writeHead(status).end();
      hanging.clear();
    },
    close,
  };
}

// Polls until `check` holds. Generous by design: a busy machine is slow, not wrong.
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
