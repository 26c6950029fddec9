// Request log lines: JSON, with the request id on every line written while serving it (deep
// code included), the failure's stack once, and no credential.
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ok, restHandler } from "../rest/envelope";
import { createLogger, logger, replaceLogger } from "./logger";

function captured() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  restore = replaceLogger(createLogger({ level: "info", destination }));
  return lines;
}

let restore: (() => void) | undefined;
afterEach(() => restore?.());

const SECRET = "ll_live_0123456789abcdef0123456789abcdef";
const request = (id: string) => new Request("http://localhost/api/v1/customers/7f9c", { headers: { "x-request-id": id, authorization: `Bearer ${SECRET}`, cookie: "session=abc123" } });
const context = { params: Promise.resolve({}) };

describe("request logging", () => {
  it("stamps the request id on lines the handler writes and on the completion line", async () => {
    const lines = captured();
    const handler = restHandler(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger().info({ step: "deep" }, "working");
        return ok({ fine: true });
      },
      { route: "/customers/{id}" },
    );
    const response = await handler(request("req-one"), context);
    expect(response.headers.get("x-request-id")).toBe("req-one");
    expect(lines.find((l) => l.msg === "working")).toMatchObject({ requestId: "req-one", step: "deep", level: "info" });
    expect(lines.find((l) => l.msg === "request")).toMatchObject({ requestId: "req-one", method: "GET", route: "/customers/{id}", status: 200, durationMs: expect.any(Number) });
  });

  it("logs an internal error once with its stack, the Authorization header and cookies redacted", async () => {
    const lines = captured();
    const handler = restHandler(async () => {
      throw new Error("boom in the handler");
    }, { route: "/customers/{id}" });
    const response = await handler(request("req-two"), context);
    expect(response.status).toBe(500);
    const failures = lines.filter((l) => l.level === "error");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ requestId: "req-two", msg: "request failed", route: "/customers/{id}", err: { message: "boom in the handler", stack: expect.stringContaining("request-logging.test.ts") } });
    expect(failures[0]!.headers).toMatchObject({ authorization: "[Redacted]", cookie: "[Redacted]", "x-request-id": "req-two" });
    expect(lines.find((l) => l.msg === "request")).toMatchObject({ requestId: "req-two", status: 500 });
    const all = JSON.stringify(lines);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("abc123");
  });

  it("redacts secret fields logged at the top or in a body: passwords, tokens, keys", () => {
    const lines = captured();
    logger().info({ body: { email: "a@example.com", password: "hunter2-hunter2" }, token: "tok-secret", apiKey: "key-secret" }, "something");
    expect(lines[0]).toMatchObject({ body: { email: "a@example.com", password: "[Redacted]" }, token: "[Redacted]", apiKey: "[Redacted]" });
    expect(lines[0]).not.toHaveProperty("requestId");
  });
});
