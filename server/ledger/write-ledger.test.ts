import { createHash } from "node:crypto";
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
    expect(requestHash("b1", { ...base, storeId: "DT" })).not.toBe(hash);
    expect(requestHash("b1", { ...base, availableAt: new Date(0) })).not.toBe(hash);
  });

  it("hashes a write without the newer fields exactly as the previous release did, skipMultiplier included", () => {
    // The previous release's formula: its awards accepted skipMultiplier and didn't hash it.
    const previous = createHash("sha256")
      .update(JSON.stringify(["b1", "award", "c1", 10, null, "Order 1", null, null, null, null, null]))
      .digest("hex");
    expect(requestHash("b1", base)).toBe(previous);
    expect(requestHash("b1", { ...base, skipMultiplier: true })).toBe(previous);
  });

  it("hashes a caller's own input whatever op it became, exactly as keys stored before were hashed", () => {
    const input = { customer: { customerPhone: "+15550100" }, amount: 1250, units: null, storeId: "s1" };
    // The formula check-in keys were stored under before "enrol" existed: a till's retry across
    // an upgrade must still match.
    const stored = createHash("sha256").update(JSON.stringify(["b1", "award", input])).digest("hex");
    expect(requestHash("b1", { op: "award", points: 12, hashInput: input })).toBe(stored);
    expect(requestHash("b1", { op: "enrol", hashInput: input })).toBe(stored);
  });
});
