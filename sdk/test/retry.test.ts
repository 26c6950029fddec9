// The retry policy and idempotency keys with a fetch double: which answers are retried, how
// long each wait is, and that every attempt of one write sends the same bytes.
import { describe, expect, it } from "vitest";
import { LoyaltyLedger, LoyaltyLedgerError, backoffMs, retryAfterMs } from "../src/index.js";
import { withIdempotencyKeys } from "../src/idempotency.js";
import { defaultSleep, retryingFetch } from "../src/retry.js";

type Step = Response | Error;

function fakeFetch(steps: Step[]) {
  const sent: { url: string; method: string; body: string }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    sent.push({ url, method: String(init.method), body: init.body ? new TextDecoder().decode(init.body as ArrayBuffer) : "" });
    const step = steps.shift();
    if (!step) throw new Error("no more answers");
    if (step instanceof Error) throw step;
    return step;
  };
  return { fetch, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const post = () => new Request("http://api.test/api/v1/points/award", { method: "POST", body: '{"amount":1}' });

function run(steps: Step[], options: { safeToResend?: boolean; maxRetries?: number } = {}) {
  const waits: number[] = [];
  const { fetch, sent } = fakeFetch(steps);
  const send = retryingFetch(fetch, { safeToResend: options.safeToResend ?? true, maxRetries: options.maxRetries, sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
  return { send, waits, sent };
}

describe("retryingFetch", () => {
  it("retries a 503 and a 429 after their Retry-After (seconds or a date, capped at 60 s)", async () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    const { send, waits, sent } = run([json(503, {}, { "retry-after": "2" }), json(429, {}, { "retry-after": "600" }), json(429, {}, { "retry-after": date }), json(201, {})]);
    expect((await send(post())).status).toBe(201);
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBe(60_000);
    expect(waits[2]).toBeGreaterThan(0);
    expect(waits[2]).toBeLessThanOrEqual(30_000);
    expect(new Set(sent.map((s) => s.body))).toEqual(new Set(['{"amount":1}']));
  });

  it("never retries another status", async () => {
    for (const status of [400, 401, 404, 409, 422, 500, 502]) {
      const { send, waits, sent } = run([json(status, {}, { "retry-after": "1" }), json(201, {})]);
      expect((await send(post())).status, String(status)).toBe(status);
      expect(sent).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });

  it("backs off with jitter on a network error, and gives up after maxRetries with NETWORK_ERROR", async () => {
    const { send, waits, sent } = run([new TypeError("fetch failed"), new TypeError("fetch failed"), new TypeError("fetch failed")], { maxRetries: 2 });
    await expect(send(post())).rejects.toMatchObject({ code: "NETWORK_ERROR", status: 0 });
    expect(sent).toHaveLength(3);
    expect(waits).toEqual([375, 750]);
    expect(backoffMs(10, { random: () => 1 })).toBe(8000);
    expect(backoffMs(0, { random: () => 0 })).toBe(250);
  });

  it("does not resend after a network error when the request is not safe to resend", async () => {
    const { send, sent } = run([new TypeError("fetch failed"), json(201, {})], { safeToResend: false });
    await expect(send(post())).rejects.toBeInstanceOf(LoyaltyLedgerError);
    expect(sent).toHaveLength(1);
  });

  it("counts an attempt with no answer within timeoutMs as a network error, and leaves the caller's abort alone", async () => {
    const sent: number[] = [];
    // Answers only by failing when its signal aborts, like a server that never replies.
    const hanging = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        sent.push(1);
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const waits: number[] = [];
    const send = retryingFetch(hanging, { safeToResend: true, maxRetries: 1, timeoutMs: 5, sleep: async (ms) => void waits.push(ms) });
    await expect(send(post())).rejects.toMatchObject({ code: "NETWORK_ERROR", message: expect.stringContaining("no answer within 5 ms") });
    expect(sent).toHaveLength(2);

    const caller = new AbortController();
    const aborted = retryingFetch(hanging, { safeToResend: true, timeoutMs: 60_000, sleep: async () => undefined })(
      new Request("http://api.test/api/v1/ping", { signal: caller.signal }),
    );
    caller.abort(new Error("user went away"));
    await expect(aborted).rejects.toThrow("user went away");
    expect(sent).toHaveLength(3);
  });

  it("resends a 503 or a still-running idempotent write only when the request is safe to resend; a 429 always", async () => {
    const inProgress = () => json(409, { success: false, error: "Still running.", code: "IDEMPOTENCY_IN_PROGRESS" });
    const unsafe = run([json(503, {}, { "retry-after": "1" }), json(201, {})], { safeToResend: false });
    expect((await unsafe.send(post())).status).toBe(503);
    expect(unsafe.sent).toHaveLength(1);
    const unsafeBusy = run([inProgress(), json(201, {})], { safeToResend: false });
    expect((await unsafeBusy.send(post())).status).toBe(409);
    expect(unsafeBusy.sent).toHaveLength(1);
    const unsafeLimited = run([json(429, {}, { "retry-after": "1" }), json(201, {})], { safeToResend: false });
    expect((await unsafeLimited.send(post())).status).toBe(201);

    const safe = run([inProgress(), json(201, {})]);
    expect((await safe.send(post())).status).toBe(201);
    expect(safe.sent).toHaveLength(2);
    // Any other conflict is final.
    const conflict = run([json(409, { success: false, error: "Taken.", code: "ALREADY_EXISTS" }), json(201, {})]);
    expect((await conflict.send(post())).status).toBe(409);
    expect(conflict.sent).toHaveLength(1);
  });

  it("sends nothing once the caller has aborted, before a try or while waiting for the next", async () => {
    const before = new AbortController();
    before.abort(new Error("cancelled first"));
    const early = run([json(201, {})]);
    await expect(early.send(new Request("http://api.test/api/v1/points/award", { method: "POST", body: "{}", signal: before.signal }))).rejects.toThrow("cancelled first");
    expect(early.sent).toHaveLength(0);

    // Aborted during the Retry-After wait: the wait ends at once and no second try goes out.
    const during = new AbortController();
    const { fetch, sent } = fakeFetch([json(429, {}, { "retry-after": "60" }), json(201, {})]);
    const send = retryingFetch(fetch, { safeToResend: true, sleep: (ms, signal) => (during.abort(new Error("cancelled while waiting")), defaultSleep(ms, signal)) });
    await expect(send(new Request("http://api.test/api/v1/points/award", { method: "POST", body: "{}", signal: during.signal }))).rejects.toThrow("cancelled while waiting");
    expect(sent).toHaveLength(1);
  });

  it("refuses a maxRetries that isn't a whole number", () => {
    for (const maxRetries of [Number.POSITIVE_INFINITY, Number.NaN, -1, 1.5]) expect(() => run([], { maxRetries })).toThrow(RangeError);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
  });
});

describe("idempotency keys", () => {
  it("fills in a key where a write takes one, keeps the caller's key or referenceId, and one per bulk item", () => {
    let n = 0;
    const key = () => `k${++n}`;
    expect(withIdempotencyKeys("POST /points/award", { amount: 1 }, key)).toEqual({ body: { amount: 1, idempotencyKey: "k1" }, keyed: true });
    expect(withIdempotencyKeys("POST /points/award", { amount: 1, idempotencyKey: "mine" }, key).body).toEqual({ amount: 1, idempotencyKey: "mine" });
    expect(withIdempotencyKeys("POST /points/award", { amount: 1, referenceId: "order-9" }, key).body).toEqual({ amount: 1, referenceId: "order-9" });
    expect(withIdempotencyKeys("POST /points/bulk", { operations: [{ type: "award" }, { type: "award", idempotencyKey: "x" }] }, key).body).toEqual({
      operations: [{ type: "award", idempotencyKey: "k2" }, { type: "award", idempotencyKey: "x" }],
    });
    expect(withIdempotencyKeys("POST /rewards", { title: "Mug" }, key)).toEqual({ body: { title: "Mug" }, keyed: false });
  });

  it("sends the same generated key on every attempt of one call, and a new one on the next call", async () => {
    const { fetch, sent } = fakeFetch([
      json(503, {}, { "retry-after": "0" }),
      json(201, { success: true, data: { ok: 1 } }),
      json(201, { success: true, data: { ok: 2 } }),
    ]);
    const ll = new LoyaltyLedger({ apiKey: "ll_test", baseUrl: "http://api.test", fetch, sleep: async () => undefined });
    expect(await ll.post("/points/award", { body: { customerEmail: "a@example.com", amount: 5 } })).toEqual({ ok: 1 });
    await ll.post("/points/award", { body: { customerEmail: "a@example.com", amount: 5 } });
    const keys = sent.map((s) => JSON.parse(s.body).idempotencyKey as string);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(sent[0]!.url).toBe("http://api.test/api/v1/points/award");
  });

  it("throws the API's refusal as a LoyaltyLedgerError with its code and request id", async () => {
    const { fetch } = fakeFetch([json(422, { success: false, error: "Not enough points.", code: "INSUFFICIENT_POINTS" }, { "x-request-id": "req-1" })]);
    const ll = new LoyaltyLedger({ apiKey: "ll_test", baseUrl: "http://api.test/api/v1/", fetch });
    const error = await ll.post("/points/redeem", { body: { customerEmail: "a@example.com", amount: 5 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "LoyaltyLedgerError", status: 422, code: "INSUFFICIENT_POINTS", message: "Not enough points.", requestId: "req-1" });
    expect((error as LoyaltyLedgerError).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("tells the caller the key a write went out with when no answer came, to send it again with", async () => {
    const { fetch, sent } = fakeFetch([new TypeError("fetch failed"), new TypeError("fetch failed")]);
    const ll = new LoyaltyLedger({ apiKey: "ll_test", baseUrl: "http://api.test", fetch, maxRetries: 1, sleep: async () => undefined });
    const error = await ll.post("/points/award", { body: { customerEmail: "a@example.com", amount: 5 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NETWORK_ERROR", idempotencyKey: JSON.parse(sent[0]!.body).idempotencyKey });
  });
});
