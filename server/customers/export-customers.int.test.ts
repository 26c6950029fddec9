import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { exportCustomers } from "./export-customers";
import { customerOrder } from "./list-customers";

describe("exportCustomers", () => {
  it("yields every matching customer once, in batches, past any page cap", async () => {
    const { business, actor } = await makeBusiness();
    const other = await makeBusiness();
    await db.customer.createMany({
      data: Array.from({ length: 2345 }, (_, i) => ({ businessId: business.id, email: `c${i}@example.com`, name: `C ${i}`, status: i % 5 === 0 ? ("BLOCKED" as const) : ("ACTIVE" as const) })),
    });
    await db.customer.create({ data: { businessId: other.business.id, email: "c1@example.com" } });
    const all: string[] = [];
    let batches = 0;
    for await (const batch of exportCustomers(db, actor)) {
      batches++;
      all.push(...batch.map((c) => c.email!));
    }
    expect(batches).toBe(3);
    expect(all).toHaveLength(2345);
    expect(new Set(all).size).toBe(2345);
    const blocked: { email: string | null; status: string }[] = [];
    for await (const batch of exportCustomers(db, actor, { status: "BLOCKED", search: "c19" })) blocked.push(...batch);
    // c19, c190-c199, c1900-c1999, one in five of them blocked (three characters: anywhere in the email).
    expect(blocked.length).toBe(Array.from({ length: 2345 }, (_, i) => i).filter((i) => i % 5 === 0 && `c${i}@`.includes("c19")).length);
    expect(blocked.every((c) => c.status === "BLOCKED" && c.email!.includes("c19"))).toBe(true);
  });

  it("keeps the table's order across batches, nulls last, with every row exactly once", async () => {
    const { business, actor } = await makeBusiness();
    await db.customer.createMany({
      data: Array.from({ length: 2100 }, (_, i) => ({ businessId: business.id, email: `n${i}@example.com`, name: i % 3 === 0 ? null : `Name ${String(i % 50).padStart(2, "0")}`, balance: i % 7 })),
    });
    for (const [sortBy, sortOrder] of [["name", "asc"], ["name", "desc"], ["balance", "desc"]] as const) {
      const rows: { id: string; name: string | null; balance: number }[] = [];
      for await (const batch of exportCustomers(db, actor, { sortBy, sortOrder })) rows.push(...batch);
      expect(rows).toHaveLength(2100);
      expect(new Set(rows.map((r) => r.id)).size).toBe(2100);
      const paged = await db.customer.findMany({ where: { businessId: business.id }, orderBy: customerOrder({ sortBy, sortOrder }) });
      expect(rows.map((r) => r.id)).toEqual(paged.map((r) => r.id));
    }
  });
});
