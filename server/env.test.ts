import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";

// env() is read once per process, so each case loads a fresh copy of the module.
async function freshEnv(value: string | undefined) {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", randomBytes(24).toString("hex"));
  vi.stubEnv("WEBHOOK_ALLOW_PRIVATE_URLS", value);
  return import("./env");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("WEBHOOK_ALLOW_PRIVATE_URLS", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["0", false],
    ["false", false],
    ["1", true],
    ["true", true],
  ])("%j means %s, with a start-up warning only when on", async (value, on) => {
    const { allowPrivateWebhookUrls, privateUrlsWarning } = await freshEnv(value);
    expect(allowPrivateWebhookUrls()).toBe(on);
    if (on) expect(privateUrlsWarning()).toMatch(/^WEBHOOK_ALLOW_PRIVATE_URLS is on/);
    else expect(privateUrlsWarning()).toBeNull();
  });

  it("refuses anything else at start-up", async () => {
    const { env } = await freshEnv("maybe");
    expect(() => env()).toThrow("WEBHOOK_ALLOW_PRIVATE_URLS: must be 1 or 0 (true or false)");
  });
});

describe("WEBHOOK_RETENTION_DAYS", () => {
  it("must outlive the retries: at least 3 days", async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_SECRET", randomBytes(24).toString("hex"));
    vi.stubEnv("WEBHOOK_RETENTION_DAYS", "1");
    const { env } = await import("./env");
    expect(() => env()).toThrow(/WEBHOOK_RETENTION_DAYS must be at least 3/);
  });
});

async function envWith(values: Record<string, string | undefined>) {
  vi.resetModules();
  vi.stubEnv("AUTH_SECRET", randomBytes(24).toString("hex"));
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  return (await import("./env")).env;
}

describe("WEB_CONCURRENCY", () => {
  const concurrency = (value: string | undefined) => envWith({ WEB_CONCURRENCY: value });

  it.each([
    [undefined, 1],
    ["", 1],
    ["3", 3],
    [" auto ", Math.min(availableParallelism(), 16)],
  ])("%j runs %s app processes", async (value, processes) => {
    expect((await concurrency(value))().WEB_CONCURRENCY).toBe(processes);
  });

  it.each(["0", "65", "1.5", "many"])("refuses %j at start-up, naming the choices", async (value) => {
    const env = await concurrency(value);
    expect(() => env()).toThrow('WEB_CONCURRENCY: WEB_CONCURRENCY must be a number of app processes (1-64) or "auto"');
  });
});

describe("METRICS_TOKEN and LOG_LEVEL", () => {
  it("refuses a metrics token shorter than 16 characters; empty means metrics off", async () => {
    expect(await envWith({ METRICS_TOKEN: "short" }).then((env) => () => env())).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect((await envWith({ METRICS_TOKEN: "" }))().METRICS_TOKEN).toBeUndefined();
  });

  it("takes a pino level, info by default (warn under tests), and refuses anything else", async () => {
    expect((await envWith({ LOG_LEVEL: "debug" }))().LOG_LEVEL).toBe("debug");
    expect((await envWith({ LOG_LEVEL: undefined, NODE_ENV: "production" }))().LOG_LEVEL).toBe("info");
    expect((await envWith({ LOG_LEVEL: undefined, NODE_ENV: "test" }))().LOG_LEVEL).toBe("warn");
    expect(await envWith({ LOG_LEVEL: "loud" }).then((env) => () => env())).toThrow(/LOG_LEVEL/);
  });
});
