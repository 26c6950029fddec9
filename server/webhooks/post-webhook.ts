// The one function that sends a webhook: one POST, its outcome as data, never an exception.
// Connections go through request-filtering-agent, which checks the address each socket is
// actually opened to (after DNS, IP literals included): a name that resolved to a public
// address when the endpoint was saved and to 10.0.0.5 now (DNS rebinding) is refused here.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { describeRequestError, formatTimeout } from "./describe-request-error";
import { IPV4_COMPATIBLE_CIDR } from "./webhook-host";
import { webhookUrlProblem, webhookUrlWithoutQuery } from "./webhook-url";

export type PostWebhookInput = {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  // One deadline for connecting, sending and the response headers.
  timeoutMs?: number;
  // Resolver override (tests stand in for a DNS answering with a private address).
  lookup?: LookupFunction;
};

export type PostWebhookResult = { statusCode: number | null; durationMs: number; error: string | null };

// Read (and dropped) so the connection can be reused; more than this and we close it instead.
// Never stored: a receiver's answer may carry personal data.
const MAX_RESPONSE_BYTES = 64 * 1024;

// One pair of keep-alive agents per policy for the whole process: deliveries to a receiver
// at hundreds per second reuse a few sockets instead of a TCP+TLS handshake each.
const agents = new Map<boolean, { http: http.Agent; https: https.Agent }>();

function agentsFor(allowPrivate: boolean) {
  let pair = agents.get(allowPrivate);
  if (!pair) {
    // Idle sockets are closed after 30 s, before most servers' own keep-alive timeouts.
    // The agent's own ranges miss ::/96 (IPv4-compatible IPv6): denied by name.
    const options = { keepAlive: true, timeout: 30_000, allowPrivateIPAddress: allowPrivate, denyIPAddressList: allowPrivate ? [] : [IPV4_COMPATIBLE_CIDR] };
    pair = { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
    agents.set(allowPrivate, pair);
  }
  return pair;
}

function redirectError(statusCode: number, location: string | undefined, base: URL): string {
  if (!location) return `redirect not followed (${statusCode})`;
  const target = URL.canParse(location, base) ? webhookUrlWithoutQuery(new URL(location, base).href) : "an invalid location";
  return `redirect not followed (${statusCode} to ${target})`;
}

function outcome(statusCode: number, headers: http.IncomingHttpHeaders, url: URL): string | null {
  if (statusCode >= 200 && statusCode < 300) return null;
  if (statusCode >= 300 && statusCode < 400) return redirectError(statusCode, headers.location, url);
  return `HTTP ${statusCode}`;
}

type Sent = Omit<PostWebhookResult, "durationMs"> & { staleSocket?: boolean };

function send(url: URL, input: PostWebhookInput, deadline: number): Promise<Sent> {
  return new Promise((resolve) => {
    const pair = agentsFor(input.allowPrivate);
    const client = url.protocol === "https:" ? https : http;
    const headers = {
      ...input.headers,
      "content-type": "application/json",
      "user-agent": "LoyaltyLedger-Webhooks/1",
      "content-length": String(Buffer.byteLength(input.body)),
    };
    let settled = false;
    // Once the status is in, it is the answer: a body that ends badly or slowly doesn't change it.
    let answered: Omit<PostWebhookResult, "durationMs"> | undefined;
    const finish = (result: Sent) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(url, {
      method: "POST",
      headers,
      agent: url.protocol === "https:" ? pair.https : pair.http,
      ...(input.lookup && { lookup: input.lookup }),
    });
    const timer = setTimeout(() => {
      finish(answered ?? { statusCode: null, error: `timed out after ${formatTimeout(input.timeoutMs ?? 10_000)}` });
      request.destroy();
    }, Math.max(0, deadline - performance.now()));
    request.on("error", (error) => finish({ statusCode: null, error: describeRequestError(error), staleSocket: request.reusedSocket && !answered }));
    request.on("response", (response) => {
      const result = { statusCode: response.statusCode ?? null, error: outcome(response.statusCode ?? 0, response.headers, url) };
      answered = result;
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) {
          response.destroy();
          finish(result);
        }
      });
      response.on("end", () => finish(result));
      response.on("error", () => finish(result));
      response.on("close", () => finish(result));
    });
    request.end(input.body);
  });
}

export async function postWebhook(input: PostWebhookInput): Promise<PostWebhookResult> {
  const started = performance.now();
  const timeoutMs = input.timeoutMs ?? 10_000;
  const result = await (async () => {
    try {
      // Checked again at send time: the setting may have been turned off since the URL was
      // saved, and names like 10-0-0-1.sslip.io are refused before any DNS.
      const problem = webhookUrlProblem(input.url, { allowPrivate: input.allowPrivate });
      if (problem) return { statusCode: null, error: `URL not allowed: it ${problem}` };
      const url = new URL(input.url);
      const first = await send(url, { ...input, timeoutMs }, started + timeoutMs);
      // A kept-alive socket the receiver closed just as we reused it: the request most likely
      // never arrived, so it goes once more on a fresh connection (receivers dedupe by webhook-id).
      if (!first.staleSocket) return first;
      return await send(url, { ...input, timeoutMs }, started + timeoutMs);
    } catch (error) {
      return { statusCode: null, error: describeRequestError(error) };
    }
  })();
  return { statusCode: result.statusCode, error: result.error, durationMs: Math.round(performance.now() - started) };
}
