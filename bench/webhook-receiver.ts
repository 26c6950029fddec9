// The webhooks bench's receiver: a plain node:http server in a thread of its own, so the load
// generator (autocannon, in the bench's main thread) can't delay a receipt's timestamp and
// inflate the lag it measures. Answers 200 to every request, verifies every signature with
// standardwebhooks as a receiver would (a bad one is counted, not refused: refused, it would
// become a retry hours later and hide in the totals), and keeps (webhook-id, receipt time)
// until the main thread takes them. Bundled and started by webhook-bench-processes.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { Webhook } from "standardwebhooks";

export type ReceiverMessage = { secret: string } | { take: true };
export type Receipt = [webhookId: string, receivedAt: number];

// [0] requests received, [1] bad signatures: read live by the main thread (Atomics).
const counters = new Int32Array(workerData.counters as SharedArrayBuffer);
let verifier: Webhook | undefined;
let receipts: Receipt[] = [];

const server = http.createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  const receivedAt = Date.now();
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const id = String(request.headers["webhook-id"]);
    try {
      verifier!.verify(Buffer.concat(chunks).toString("utf8"), request.headers as Record<string, string>);
    } catch {
      Atomics.add(counters, 1, 1);
    }
    receipts.push([id, receivedAt]);
    Atomics.add(counters, 0, 1);
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
});

server.listen(0, "127.0.0.1", () => parentPort!.postMessage({ port: (server.address() as AddressInfo).port }));

parentPort!.on("message", (message: ReceiverMessage) => {
  if ("secret" in message) {
    verifier = new Webhook(message.secret);
    parentPort!.postMessage({ ready: true });
  } else {
    parentPort!.postMessage({ receipts });
    receipts = [];
  }
});
