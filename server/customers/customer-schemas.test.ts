import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createCustomerInput, customerIdParams, listCustomersInput, updateCustomerInput } from "./customer-schemas";

describe("listCustomersInput", () => {
  it("defaults, coerces query strings and treats an empty search as none", () => {
    expect(listCustomersInput.parse({})).toEqual({ page: 1, perPage: 25, sortBy: "createdAt", sortOrder: "desc" });
    expect(listCustomersInput.parse({ page: "3", limit: "100", search: "  " })).toMatchObject({ page: 3, perPage: 100, search: undefined });
    expect(listCustomersInput.safeParse({ limit: "101" }).success).toBe(false);
  });

  it("pages by perPage, or by limit, its older name, but not by two different numbers", () => {
    expect(listCustomersInput.parse({ perPage: "40" })).toMatchObject({ page: 1, perPage: 40 });
    expect(listCustomersInput.parse({ limit: "40" })).toMatchObject({ page: 1, perPage: 40 });
    expect(listCustomersInput.safeParse({ perPage: "101" }).success).toBe(false);
    expect(listCustomersInput.safeParse({ perPage: "40", limit: "50" }).success).toBe(false);
  });
});

describe("createCustomerInput", () => {
  it("normalises email and phone the way lookups do", () => {
    const parsed = createCustomerInput.parse({ email: "Ann@Example.COM", name: " Ann ", phone: "+1 (555) 010-2000" });
    expect(parsed).toEqual({ email: "ann@example.com", name: "Ann", phone: "+15550102000" });
  });

  it("takes a phone without an email, but not neither", () => {
    expect(createCustomerInput.parse({ name: "Till", phone: "555 010 2000" })).toEqual({ name: "Till", phone: "5550102000" });
    const neither = createCustomerInput.safeParse({ name: "Nobody" });
    expect(neither.error?.issues[0]).toMatchObject({ path: ["email"], message: "send an email or a phone number (or both)" });
  });

  it("keeps notes up to 1,000 storable characters; empty notes are none", () => {
    const base = { email: "a@example.com", name: "A" };
    expect(createCustomerInput.parse({ ...base, notes: " VIP " }).notes).toBe("VIP");
    expect(createCustomerInput.parse({ ...base, notes: "x".repeat(1_000) }).notes).toHaveLength(1_000);
    expect(createCustomerInput.parse({ ...base, notes: "  " }).notes).toBeNull();
    expect(createCustomerInput.safeParse({ ...base, notes: "x".repeat(1_001) }).success).toBe(false);
    expect(createCustomerInput.safeParse({ ...base, notes: "nul\u0000" }).success).toBe(false);
  });

  it("refuses negative or fractional welcome points", () => {
    expect(createCustomerInput.safeParse({ email: "a@example.com", name: "A", initialPoints: -1 }).success).toBe(false);
    expect(createCustomerInput.safeParse({ email: "a@example.com", name: "A", initialPoints: 1.5 }).success).toBe(false);
  });
});

describe("updateCustomerInput", () => {
  it("needs at least one change; null clears the phone or the notes", () => {
    expect(updateCustomerInput.safeParse({ id: "x" }).success).toBe(false);
    expect(updateCustomerInput.parse({ id: "x", phone: null })).toEqual({ id: "x", phone: null });
    expect(updateCustomerInput.parse({ id: "x", notes: null })).toEqual({ id: "x", notes: null });
  });
});

describe("customerIdParams", () => {
  it("passes UUIDs and turns anything else into a 404, not a 400", () => {
    const id = "5f0c6d1e-2a8b-4c1e-9d3f-7a6b5c4d3e2f";
    expect(customerIdParams.parse({ id })).toEqual({ id });
    const error = (() => {
      try {
        customerIdParams.parse({ id: "42" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
  });
});
