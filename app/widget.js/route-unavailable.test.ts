// When the bundle can't be built (widget/ missing from an install, esbuild's binary broken), a
// store's page gets a harmless script with a 503 to retry, never Next's HTML error page or a 500.
import { describe, expect, it, vi } from "vitest";

vi.mock("@/widget/build-widget", () => ({
  buildWidget: async () => {
    throw new Error("Could not resolve widget/main.ts");
  },
}));

const { GET } = await import("./route");

describe("GET /widget.js without a bundle", () => {
  it("answers 503 with a JavaScript comment, no caching and a Retry-After", async () => {
    const response = await GET(new Request("http://localhost/widget.js"));
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toMatch(/^\/\* .* \*\/\n$/);
  });
});
