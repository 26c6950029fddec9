// Retries with backoff: on no answer at all (a dropped connection, a timeout, DNS) and on 429 and
// 503, which say the request was not carried out. Never on other statuses: a 4xx would only be
// refused again, and another 5xx may have done its work. A write is only resent after a network
// error when it carries an idempotency key (the API then answers the original result).
import { LoyaltyLedgerError } from "./errors.js";

export type RetryOptions = {
  // Retries after the first attempt (default 3).
  maxRetries?: number;
  // Backoff base and ceiling in ms (defaults 500 and 8,000); jittered.
  baseDelayMs?: number;
  maxDelayMs?: number;
  // The longest Retry-After honoured, in seconds (default 60): a longer one waits this long.
  maxRetryAfterSeconds?: number;
  // Per attempt: no answer within this many ms counts as a network error (default 30,000).
  timeoutMs?: number;
  // Injectable for tests and runtimes with their own timers.
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

const RETRIED_STATUSES = new Set([429, 503]);

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// "Retry-After: 7" or an HTTP date; undefined when absent or unreadable.
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Exponential with "equal jitter": half the step fixed, half random, so clients that failed
// together don't all come back at the same instant.
export function backoffMs(retry: number, options: RetryOptions): number {
  const step = Math.min(options.maxDelayMs ?? 8_000, (options.baseDelayMs ?? 500) * 2 ** retry);
  return step / 2 + (options.random ?? Math.random)() * (step / 2);
}

export function retryingFetch(
  fetchImpl: (input: string, init: RequestInit) => Promise<Response>,
  options: RetryOptions & { retryNetworkErrors: boolean },
): (request: Request) => Promise<Response> {
  const sleep = options.sleep ?? defaultSleep;
  const maxRetries = options.maxRetries ?? 3;
  const capMs = (options.maxRetryAfterSeconds ?? 60) * 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // One attempt under its own deadline (and the caller's signal): the answer, or what went wrong.
  const attempt = async (request: Request, body: ArrayBuffer | undefined): Promise<{ response: Response } | { failed: unknown }> => {
    const controller = new AbortController();
    const abort = () => controller.abort(request.signal.reason);
    request.signal.addEventListener("abort", abort);
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      return { response: await fetchImpl(request.url, { method: request.method, headers: request.headers, body, signal: controller.signal }) };
    } catch (error) {
      return { failed: controller.signal.aborted && !request.signal.aborted ? controller.signal.reason : error };
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", abort);
    }
  };

  return async (request) => {
    // Read once: every attempt sends the same bytes (and so the same idempotency key).
    const body = request.body ? await request.arrayBuffer() : undefined;
    for (let retry = 0; ; retry++) {
      const outcome = await attempt(request, body);
      if ("failed" in outcome) {
        // The caller's own abort stays theirs.
        if (request.signal.aborted) throw outcome.failed;
        if (!options.retryNetworkErrors || retry >= maxRetries) {
          const reason = outcome.failed instanceof Error ? outcome.failed.message : String(outcome.failed);
          throw new LoyaltyLedgerError(`No answer from the API: ${reason}`, { status: 0, code: "NETWORK_ERROR", cause: outcome.failed });
        }
        await sleep(backoffMs(retry, options));
        continue;
      }
      const { response } = outcome;
      if (!RETRIED_STATUSES.has(response.status) || retry >= maxRetries) return response;
      const wait = retryAfterMs(response.headers.get("retry-after"));
      await response.body?.cancel();
      await sleep(wait === undefined ? backoffMs(retry, options) : Math.min(wait, capMs));
    }
  };
}
