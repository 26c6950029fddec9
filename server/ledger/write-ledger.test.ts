import { describe, expect, it } from "vitest";
import { requestHash } from "./write-ledger";

describe("requestHash", () => {
  const base = { op: "award" as const, customerId: "c1", points: 10, description: "Order 1" };

  it("is stable for the same request", () => {
    expect(requestHash("b1", base)).toBe(requestHash("b1", { ...base }));
  });

  it("changes with anything that makes it a different request", () => {
    const hash = requestHash("b1", base);
    expect(requestHash("b2", base)).not.toBe(hash);
    expect(requestHash("b1", { ...base, points: 11 })).not.toBe(hash);
    expect(requestHash("b1", { ...base, customerId: "c2" })).not.toBe(hash);
    expect(requestHash("b1", { ...base, op: "redeem" })).not.toBe(hash);
    expect(requestHash("b1", { ...base, metadata: { a: 1 } })).not.toBe(hash);
  });
});
