// Retries with backoff, on 429 (the request was not carried out) always; and, only for a request
// that is safe to send twice (GET, PUT, DELETE, or a write carrying an idempotency key, which the
// API then answers with the original result), on no answer at all (a dropped connection, a
// timeout), on 503 (the database may have committed as the connection dropped) and on 409
// IDEMPOTENCY_IN_PROGRESS (the first try is still running). Never on other statuses: a 4xx
// would only be refused again, and another 5xx may have done its work.
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
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
};

// The caller's abort ends a wait too, instead of holding them for up to a minute.
export const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", aborted, { once: true });
  });

// Whether an answer is worth another try of the same bytes.
async function retriable(response: Response, safeToResend: boolean): Promise<boolean> {
  if (response.status === 429) return true;
  if (!safeToResend) return false;
  if (response.status === 503) return true;
  if (response.status !== 409) return false;
  const body = (await response.clone().json().catch(() => ({}))) as { code?: unknown };
  return body.code === "IDEMPOTENCY_IN_PROGRESS";
}

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
  options: RetryOptions & { safeToResend: boolean },
): (request: Request) => Promise<Response> {
  const sleep = options.sleep ?? defaultSleep;
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError("maxRetries must be a whole number, 0 or more.");
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
      // Aborted before this try (or during the wait before it): nothing more goes out.
      if (request.signal.aborted) throw request.signal.reason;
      const outcome = await attempt(request, body);
      if ("failed" in outcome) {
        // The caller's own abort stays theirs.
        if (request.signal.aborted) throw outcome.failed;
        if (!options.safeToResend || retry >= maxRetries) {
          const reason = outcome.failed instanceof Error ? outcome.failed.message : String(outcome.failed);
          throw new LoyaltyLedgerError(`No answer from the API: ${reason}`, { status: 0, code: "NETWORK_ERROR", cause: outcome.failed });
        }
        await sleep(backoffMs(retry, options), request.signal);
        continue;
      }
      const { response } = outcome;
      if (retry >= maxRetries || !(await retriable(response, options.safeToResend))) return response;
      const wait = retryAfterMs(response.headers.get("retry-after"));
      await response.body?.cancel();
      await sleep(wait === undefined ? backoffMs(retry, options) : Math.min(wait, capMs), request.signal);
    }
  };
}
