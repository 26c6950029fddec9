// GET /widget.js: the bundle built from widget/ (an IIFE defining <loyalty-widget>), as
// JavaScript any page may load, cached with a content-hash ETag and revalidated with a 304.
import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /widget.js", () => {
  it("serves the bundled widget as JavaScript with a content ETag and a 5-minute public cache, and 304 when unchanged", async () => {
    const first = await GET(new Request("http://localhost/widget.js"));
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=300\b/);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const code = await first.text();
    expect(code).toContain('customElements.define("loyalty-widget"');
    expect(code.startsWith('"use strict";(()=>{')).toBe(true);
    expect(code).not.toMatch(/\bimport\s*\(|\bexport\s/);

    const again = await GET(new Request("http://localhost/widget.js", { headers: { "if-none-match": etag } }));
    expect([again.status, again.headers.get("etag"), await again.text()]).toEqual([304, etag, ""]);
    const stale = await GET(new Request("http://localhost/widget.js", { headers: { "if-none-match": '"something-else"' } }));
    expect(stale.status).toBe(200);
  });
});
