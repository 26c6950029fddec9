import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { ok, restHandler } from "./envelope";

const context = { params: Promise.resolve({}) };

describe("restHandler", () => {
  it("wraps data in the success envelope and sets X-Request-Id", async () => {
    const handler = restHandler(async () => ok({ hello: "world" }, { status: 201 }));
    const response = await handler(new Request("http://x/api/v1/t"), context);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ success: true, data: { hello: "world" } });
  });

  it("echoes a caller's X-Request-Id", async () => {
    const handler = restHandler(async () => ok(null));
    const response = await handler(new Request("http://x", { headers: { "x-request-id": "abc-123" } }), context);
    expect(response.headers.get("x-request-id")).toBe("abc-123");
  });

  it("maps an AppError to its status, sentence and code", async () => {
    const handler = restHandler(async () => {
      throw new AppError("INSUFFICIENT_POINTS", "The customer doesn't have enough points for this.");
    });
    const response = await handler(new Request("http://x"), context);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ success: false, error: "The customer doesn't have enough points for this.", code: "INSUFFICIENT_POINTS" });
  });

  it("turns a zod error into a 400 that names the field", async () => {
    const handler = restHandler(async () => ok(z.object({ amount: z.number().int() }).parse({ amount: 1.5 })));
    const response = await handler(new Request("http://x"), context);
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(body.error).toMatch(/^Invalid request: amount: /);
  });

  it("hides internals of unexpected errors behind a 500", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = restHandler(async () => {
      throw new Error("connection string postgres://secret@db");
    });
    const response = await handler(new Request("http://x"), context);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain("secret");
    expect(JSON.parse(text)).toMatchObject({ success: false, code: "INTERNAL" });
    spy.mockRestore();
  });
});
