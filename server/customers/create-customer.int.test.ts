import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { createCustomer } from "./create-customer";
import { upsertCustomerByExternalId } from "./upsert-customer";

describe("createCustomer", () => {
  it("enrols one customer when the same email arrives concurrently, with welcome points once", async () => {
    const { business, actor } = await makeBusiness();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createCustomer(db, actor, { email: i % 2 ? "Ann@Example.com" : "ann@example.com", name: `Ann ${i}`, initialPoints: 25 })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
    const customers = await db.customer.findMany({ where: { businessId: business.id } });
    expect(customers).toMatchObject([{ email: "ann@example.com", balance: 25 }]);
    const events = await db.outboxEvent.findMany({ where: { businessId: business.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["customer.created", "points.earned"]);
  });

  it("enrols one customer when the same phone arrives concurrently without an email, with welcome points once", async () => {
    const { business, actor } = await makeBusiness();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createCustomer(db, actor, { phone: i % 2 ? "+1 555 010 6000" : "+15550106000", name: `Till ${i}`, initialPoints: 15 })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
    expect(await db.customer.findMany({ where: { businessId: business.id } })).toMatchObject([{ email: null, phone: "+15550106000", balance: 15 }]);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("joins a caller's transaction: when the caller rolls back, neither the customer nor the points remain", async () => {
    const { business, actor } = await makeBusiness();
    const failed = db.$transaction(async (tx) => {
      const { customer } = await createCustomer(tx, actor, { email: "tx@example.com", name: "Tx", initialPoints: 40 });
      expect(customer.balance).toBe(40);
      throw new Error("a later step of the caller failed");
    });
    await expect(failed).rejects.toThrow("a later step of the caller failed");
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.outboxEvent.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("keeps each business's customers apart: the same email enrols separately", async () => {
    const a = await makeBusiness();
    const b = await makeBusiness();
    const inA = await createCustomer(db, a.actor, { email: "same@example.com", name: "A" });
    const inB = await createCustomer(db, b.actor, { email: "same@example.com", name: "B" });
    expect(inB.created).toBe(true);
    expect(inB.customer.id).not.toBe(inA.customer.id);
  });
});

describe("upsertCustomerByExternalId", () => {
  it("joins a caller's transaction: when the caller rolls back, neither the customer nor its welcome points remain", async () => {
    const { business, actor } = await makeBusiness();
    const failed = db.$transaction(async (tx) => {
      const { customer } = await upsertCustomerByExternalId(tx, actor, { externalId: "tx-1", name: "Tx", initialPoints: 30 });
      expect(customer.balance).toBe(30);
      throw new Error("a later step of the caller failed");
    });
    await expect(failed).rejects.toThrow("a later step of the caller failed");
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("creates once under concurrent calls for one external id, every caller answered with that customer", async () => {
    const { business, actor } = await makeBusiness();
    const results = await Promise.all(Array.from({ length: 4 }, () => upsertCustomerByExternalId(db, actor, { externalId: "race-1", name: "Racer" })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.customer.id)).size).toBe(1);
    expect(await db.customer.count({ where: { businessId: business.id, externalId: "race-1" } })).toBe(1);
  });
});
