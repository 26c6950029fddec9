// The portal's products procedures against a real database: everyone in the business sees the
// catalogue, only owners exclude a product from earning (audited); another business's product
// is invisible. Asserted on the rows and the audit log, not only on the answers.
import { beforeAll, describe, expect, it } from "vitest";
import { cliActor } from "../actors/actor";
import { db } from "../db/client";
import { upsertProduct } from "../products/upsert-product";
import { callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;

const failure = trpcFailure;

const productRow = (businessId: string, externalId: string) => db.product.findUniqueOrThrow({ where: { businessId_externalId: { businessId, externalId } } });
const updates = (businessId: string) => db.auditLog.findMany({ where: { businessId, action: "product.updated" }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  a = await makePortalBusiness("pa");
  b = await makePortalBusiness("pb");
  await db.business.update({ where: { id: a.business.id }, data: { currency: "EUR" } });
  await upsertProduct(db, cliActor(a.business.id), { externalId: "gift-25", name: "Gift card", priceMinor: 2500 });
  await upsertProduct(db, cliActor(a.business.id), { externalId: "lat-1", name: "Latte", sku: "HOT-LAT", priceMinor: 450 });
  await upsertProduct(db, cliActor(b.business.id), { externalId: "theirs", name: "Their gift card" });
});

describe("products router", () => {
  it("lists the business's products with its currency, searched and filtered", async () => {
    const staff = a.staff;
    const page = await callerFor(staff).products.list({ q: "gift" });
    expect(page).toMatchObject({ currency: "EUR", items: [{ externalId: "gift-25", priceMinor: 2500 }], pagination: { total: 1 } });
    expect((await callerFor(a.owner).products.list({ excluded: false, perPage: 1, page: 2 })).items.map((p) => p.name)).toEqual(["Latte"]);
  });

  it("lets the owner exclude a product from earning and include it again, each change audited once", async () => {
    const owner = callerFor(a.owner).products;
    expect(await owner.setExcluded({ externalId: "gift-25", excluded: true })).toMatchObject({ excluded: true });
    expect((await productRow(a.business.id, "gift-25")).excluded).toBe(true);
    // Asking again changes nothing and records nothing.
    await owner.setExcluded({ externalId: "gift-25", excluded: true });
    await owner.setExcluded({ externalId: "gift-25", excluded: false });
    expect((await productRow(a.business.id, "gift-25")).excluded).toBe(false);
    const log = await updates(a.business.id);
    expect(log.map((r) => r.details)).toEqual([
      { externalId: "gift-25", excluded: { from: false, to: true } },
      { externalId: "gift-25", excluded: { from: true, to: false } },
    ]);
    expect(log[0]).toMatchObject({ actorType: "USER", actorId: a.owner.id });
  });

  it("refuses staff the toggle (FORBIDDEN), changing nothing", async () => {
    const staff = a.staff;
    const before = await updates(a.business.id);
    expect((await failure(callerFor(staff).products.setExcluded({ externalId: "lat-1", excluded: true }))).code).toBe("FORBIDDEN");
    expect((await productRow(a.business.id, "lat-1")).excluded).toBe(false);
    expect(await updates(a.business.id)).toHaveLength(before.length);
  });

  it("hides another business's product: not listed, NOT_FOUND to toggle", async () => {
    const owner = callerFor(a.owner).products;
    expect((await owner.list({ q: "their" })).items).toEqual([]);
    expect((await failure(owner.setExcluded({ externalId: "theirs", excluded: true }))).code).toBe("NOT_FOUND");
    expect((await productRow(b.business.id, "theirs")).excluded).toBe(false);
  });

  it("answers BAD_REQUEST for bad input", async () => {
    const owner = callerFor(a.owner).products;
    expect((await failure(owner.setExcluded({ externalId: "", excluded: true }))).code).toBe("BAD_REQUEST");
    expect((await failure(owner.list({ perPage: 1000 }))).code).toBe("BAD_REQUEST");
  });
});
