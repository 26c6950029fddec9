import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { requestHash } from "../ledger/write-ledger";
import { checkinHashInput } from "./check-in-customer";
import { checkinInput } from "./pos-schemas";

// How releases before the idempotency_keys table hashed a check-in (its key is still stored with
// this hash): sha256 of [businessId, "award", {customer: {customerId, customerPhone}, amount, units,
// storeId}], absent fields dropped by JSON.stringify, the rest null.
function storedHash(businessId: string, data: { customerId?: string; phone?: string; amount?: number; units?: number; storeId?: string }) {
  const ref = { customerId: data.customerId, customerPhone: data.phone };
  const input = { customer: ref, amount: data.amount ?? null, units: data.units ?? null, storeId: data.storeId ?? null };
  return createHash("sha256").update(JSON.stringify([businessId, "award", input])).digest("hex");
}

describe("check-in idempotency", () => {
  it("hashes every shape of check-in as earlier releases did, whether it earns points or not", () => {
    const shapes = [
      { phone: "+1 555 010 2000", amount: 1250, storeId: "s1" },
      { phone: "5550102000", amount: 0 },
      { customerId: "5f0c6d1e-2a8b-4c1e-9d3f-7a6b5c4d3e2f", units: 3 },
      { customerId: "5f0c6d1e-2a8b-4c1e-9d3f-7a6b5c4d3e2f", phone: "5550102000" },
    ];
    for (const shape of shapes) {
      const data = checkinInput.parse(shape);
      const stored = storedHash("b1", data);
      expect(requestHash("b1", { op: "award", points: 5, hashInput: checkinHashInput(data) }), JSON.stringify(shape)).toBe(stored);
      expect(requestHash("b1", { op: "enrol", hashInput: checkinHashInput(data) }), JSON.stringify(shape)).toBe(stored);
    }
  });
});
