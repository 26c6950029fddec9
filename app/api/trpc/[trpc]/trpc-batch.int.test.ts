// The portal's tRPC endpoint refuses an oversized batch before running any of it.
import { describe, expect, it, vi } from "vitest";
import { MAX_TRPC_BATCH } from "@/server/trpc/max-batch";

// No next-auth here: `health` is public, and the session is looked up only for the context.
vi.mock("@/server/auth/portal-session", () => ({ sessionUser: async () => null }));
const { GET } = await import("./route");

function batchOf(calls: number) {
  const paths = Array.from({ length: calls }, () => "health").join(",");
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, {}]))));
  return GET(new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${input}`));
}

describe("tRPC batch size", () => {
  it(`answers a batch of ${MAX_TRPC_BATCH} calls`, async () => {
    const response = await batchOf(MAX_TRPC_BATCH);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(MAX_TRPC_BATCH);
  });

  it(`refuses a batch of more than ${MAX_TRPC_BATCH} calls with 400, running none of them`, async () => {
    const response = await batchOf(MAX_TRPC_BATCH + 1);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/Batch call exceeds maximum size/);
  });
});
