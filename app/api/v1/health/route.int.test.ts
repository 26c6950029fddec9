import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/v1/health", () => {
  it("answers the success envelope after a real database round trip", async () => {
    const response = await GET(new Request("http://localhost/api/v1/health"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(await response.json()).toMatchObject({ success: true, data: { status: "ok", database: "ok" } });
  });
});
