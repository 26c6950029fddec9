// The portal's tRPC endpoint refuses bodies over 1 MB before reading them whole, like the REST
// API; smaller ones reach tRPC as before.
import { describe, expect, it, vi } from "vitest";

// No next-auth here: the session is looked up only for the context (signed out).
vi.mock("@/server/auth/portal-session", () => ({ sessionUser: async () => null }));
const { POST } = await import("./route");

const url = "http://localhost/api/trpc/rewards.uploadCoupons";

describe("POST /api/trpc", () => {
  it("answers 413 to a body over 1 MB, declared or streamed", async () => {
    const big = JSON.stringify({ id: "x", csv: "A".repeat(1_100_000) });
    const declared = await POST(new Request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(big.length) }, body: big }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { data: { appCode: "PAYLOAD_TOO_LARGE" } } });
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new TextEncoder().encode("A".repeat(100_000)));
        controller.close();
      },
    });
    const streamed = await POST(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half" } as RequestInit));
    expect(streamed.status).toBe(413);
  });

  it("passes a small body on to tRPC (here: refused as signed out, not as too large)", async () => {
    const res = await POST(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "x", codes: ["A1"] }) }));
    expect(res.status).toBe(401);
  });
});
