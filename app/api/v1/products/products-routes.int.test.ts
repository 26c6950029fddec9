import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { upsertProduct } from "@/server/products/upsert-product";
import { businessWithKey, call, createKey } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { GET as getOne, PUT as put } from "./[externalId]/route";
import { POST as bulk } from "./bulk/route";
import { GET as list } from "./route";

const body = { name: "Flat white", sku: "FW-12", category: "  Hot   drinks ", priceMinor: 450 };
const audits = (businessId: string) => db.auditLog.findMany({ where: { businessId, action: { startsWith: "product" } }, orderBy: { createdAt: "asc" } });
const names = (res: { data: Record<string, unknown> }) => (res.data.items as { name: string }[]).map((p) => p.name);

describe("PUT /api/v1/products/{externalId}", () => {
  it("creates (201), replays without a change or a second audit (200), then updates only the named fields", async () => {
    const { key, business } = await businessWithKey();
    const params = { externalId: "sku-1001" };
    const first = await call("PUT", put, { key, params, body });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ created: true, product: { externalId: "sku-1001", name: "Flat white", category: "Hot drinks", priceMinor: 450, excluded: false, active: true } });
    const row = await db.product.findUniqueOrThrow({ where: { businessId_externalId: { businessId: business.id, externalId: "sku-1001" } } });
    expect(row).toMatchObject({ category: "Hot drinks", sku: "FW-12", priceMinor: 450 });

    const replay = await call("PUT", put, { key, params, body });
    expect(replay.status).toBe(200);
    expect(replay.data).toMatchObject({ created: false, product: { id: row.id } });
    const again = await db.product.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: row.id } } });
    expect(again.updatedAt).toEqual(row.updatedAt);
    expect((await audits(business.id)).map((a) => a.action)).toEqual(["product.created"]);

    const update = await call("PUT", put, { key, params, body: { name: "Flat white", excluded: true, sku: null } });
    expect(update.status).toBe(200);
    expect(update.data).toMatchObject({ created: false, product: { excluded: true, sku: null, priceMinor: 450, category: "Hot drinks" } });
    const log = await audits(business.id);
    expect(log.map((a) => a.action)).toEqual(["product.created", "product.updated"]);
    expect(log[1]!.details).toEqual({ externalId: "sku-1001", excluded: { from: false, to: true }, sku: { from: "FW-12", to: null } });
    expect(await db.product.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("answers 400 with a sentence for bad bodies and writes nothing", async () => {
    const { key, business } = await businessWithKey();
    const params = { externalId: "p1" };
    const bad = [{}, { name: "" }, { name: "X", priceMinor: -1 }, { name: "X", priceMinor: 4.5 }, { name: "X", priceMinor: 3_000_000_000 }, { name: "X", excluded: "yes" }, { name: "X", colour: "red" }, { name: "a\u0000b" }, { name: "X".repeat(201) }];
    for (const b of bad) {
      const res = await call("PUT", put, { key, params, body: b });
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(res.json).toMatchObject({ code: "VALIDATION_ERROR", error: expect.stringMatching(/^Invalid request/) });
    }
    expect((await call("PUT", put, { key, params: { externalId: " " }, body })).status).toBe(400);
    expect((await call("PUT", put, { key, params, rawBody: "{nope" })).status).toBe(400);
    expect(await db.product.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("is refused to a points key (403), which may read products", async () => {
    const { business } = await businessWithKey();
    const { key } = await createKey(business.id, { scopes: ["points:read", "points:write"] });
    expect((await call("PUT", put, { key, params: { externalId: "p1" }, body })).status).toBe(403);
    expect((await call("POST", bulk, { key, body: { products: [{ externalId: "p1", ...body }] } })).status).toBe(403);
    expect(await db.product.count({ where: { businessId: business.id } })).toBe(0);
    expect((await call("GET", list, { key })).status).toBe(200);
  });

  it("another business's externalId is its own product: B's PUT creates B's and leaves A's alone, A's is a 404 to B", async () => {
    const a = await businessWithKey();
    const b = await businessWithKey();
    await upsertProduct(db, cliActor(a.business.id), { externalId: "shared", name: "A's" });
    expect((await call("GET", getOne, { key: b.key, params: { externalId: "shared" } })).status).toBe(404);
    expect((await call("PUT", put, { key: b.key, params: { externalId: "shared" }, body: { name: "B's" } })).status).toBe(201);
    const rows = await db.product.findMany({ where: { externalId: "shared", businessId: { in: [a.business.id, b.business.id] } } });
    expect(rows.map((r) => [r.businessId, r.name]).sort()).toEqual([[a.business.id, "A's"], [b.business.id, "B's"]].sort());
  });

  it("two PUTs of a new product at once make one product, one of them answering created", async () => {
    const { key, business } = await businessWithKey();
    const params = { externalId: "race-1" };
    const answers = await Promise.all([call("PUT", put, { key, params, body }), call("PUT", put, { key, params, body: { ...body, priceMinor: 500 } })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(await db.product.count({ where: { businessId: business.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "product.created" } })).toBe(1);
  });

  securityCases({ method: "PUT", handler: put, scope: "program:manage", request: () => ({ params: { externalId: "p1" }, body }) });
});

describe("POST /api/v1/products/bulk", () => {
  it("upserts 1,000 products in one call, then the same call again changes nothing", async () => {
    const { key, business } = await businessWithKey();
    await upsertProduct(db, cliActor(business.id), { externalId: "p-0", name: "Old name" });
    const products = Array.from({ length: 1000 }, (_, i) => ({ externalId: `p-${i}`, name: `Product ${i}`, priceMinor: i, excluded: i % 10 === 0 }));
    const res = await call("POST", bulk, { key, body: { products } });
    expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(200);
    expect(res.data).toMatchObject({ created: 999, updated: 1, unchanged: 0 });
    expect((res.data.items as { outcome: string }[])[0]).toMatchObject({ index: 0, externalId: "p-0", outcome: "updated" });
    expect(await db.product.count({ where: { businessId: business.id } })).toBe(1000);
    expect(await db.product.count({ where: { businessId: business.id, excluded: true } })).toBe(100);
    expect(await db.product.findUnique({ where: { businessId_externalId: { businessId: business.id, externalId: "p-999" } } })).toMatchObject({ name: "Product 999", priceMinor: 999 });

    const replay = await call("POST", bulk, { key, body: { products } });
    expect(replay.data).toMatchObject({ created: 0, updated: 0, unchanged: 1000 });
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "products.bulk_upserted" } })).toBe(1);

    // A price change to every one of them: 1,000 updates in the one transaction.
    const repriced = await call("POST", bulk, { key, body: { products: products.map((p) => ({ ...p, priceMinor: p.priceMinor + 1 })) } });
    expect(repriced.data).toMatchObject({ created: 0, updated: 1000, unchanged: 0 });
    expect(await db.product.count({ where: { businessId: business.id, priceMinor: 1000 } })).toBe(1);
    expect(await db.product.aggregate({ where: { businessId: business.id }, _sum: { priceMinor: true } })).toEqual({ _sum: { priceMinor: 500_500 } });
  });

  it("refuses the whole call when one item is bad or an externalId repeats (400 naming the index), writing nothing", async () => {
    const { key, business } = await businessWithKey();
    const good = [{ externalId: "a", name: "A" }, { externalId: "b", name: "B" }];
    const badItem = await call("POST", bulk, { key, body: { products: [...good, { externalId: "c", name: "C", priceMinor: -5 }] } });
    expect(badItem.status).toBe(400);
    expect(badItem.json.error).toContain("products.2.priceMinor");
    const repeated = await call("POST", bulk, { key, body: { products: [...good, { externalId: "a", name: "Again" }] } });
    expect(repeated.status).toBe(400);
    expect(repeated.json.error).toMatch(/products\.2\.externalId.*repeats products\.0/);
    for (const b of [{}, { products: [] }, { products: "x" }, { products: Array.from({ length: 1001 }, (_, i) => ({ externalId: `x${i}`, name: "X" })) }, { products: [{ externalId: "a", name: "A", extra: 1 }] }]) {
      expect((await call("POST", bulk, { key, body: b })).status, JSON.stringify(b).slice(0, 80)).toBe(400);
    }
    expect(await db.product.count({ where: { businessId: business.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: bulk, scope: "program:manage", request: () => ({ body: { products: [{ externalId: "p1", name: "P" }] } }) });
});

describe("GET /api/v1/products and /products/{externalId}", () => {
  it("searches name, SKU and externalId (any case, wildcards literal), filters and pages by name", async () => {
    const { key, business } = await businessWithKey();
    const actor = cliActor(business.id);
    await upsertProduct(db, actor, { externalId: "lat-1", name: "Latte", sku: "HOT-LAT", category: "Hot drinks" });
    await upsertProduct(db, actor, { externalId: "ice-1", name: "Iced latte", category: "Cold drinks" });
    await upsertProduct(db, actor, { externalId: "gift-25", name: "Gift card 50% off", excluded: true });
    await upsertProduct(db, actor, { externalId: "muf", name: "Muffin", sku: "BAKE_1", active: false });
    await upsertProduct(db, cliActor((await businessWithKey()).business.id), { externalId: "lat-2", name: "Their latte" });

    expect(names(await call("GET", list, { key, query: { q: "LATTE" } }))).toEqual(["Iced latte", "Latte"]);
    expect(names(await call("GET", list, { key, query: { q: "hot-" } }))).toEqual(["Latte"]);
    expect(names(await call("GET", list, { key, query: { q: "GIFT-2" } }))).toEqual(["Gift card 50% off"]);
    expect(names(await call("GET", list, { key, query: { q: "0%" } }))).toEqual(["Gift card 50% off"]);
    expect(names(await call("GET", list, { key, query: { q: "e_1" } }))).toEqual(["Muffin"]);
    // "_" is not a wildcard: "t_1" would otherwise find lat-1.
    expect(names(await call("GET", list, { key, query: { q: "t_1" } }))).toEqual([]);
    expect(names(await call("GET", list, { key, query: { excluded: "true" } }))).toEqual(["Gift card 50% off"]);
    expect(names(await call("GET", list, { key, query: { active: "false" } }))).toEqual(["Muffin"]);
    expect(names(await call("GET", list, { key, query: { category: "hot  DRINKS" } }))).toEqual(["Latte"]);

    const page2 = await call("GET", list, { key, query: { perPage: 3, page: 2 } });
    expect(names(page2)).toEqual(["Muffin"]);
    expect(page2.data.pagination).toEqual({ page: 2, perPage: 3, total: 4, totalPages: 2 });

    for (const query of [{ perPage: 0 }, { excluded: "maybe" }, { page: "x" }, { search: "latte" }] as Record<string, string | number>[]) {
      const res = await call("GET", list, { key, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.json.error).toEqual(expect.any(String));
    }
  });

  it("gets one product by externalId; 404 for an unknown one", async () => {
    const { key, business } = await businessWithKey();
    await upsertProduct(db, cliActor(business.id), { externalId: "sku/1 a", name: "Odd id" });
    expect((await call("GET", getOne, { key, params: { externalId: "sku/1 a" } })).data).toMatchObject({ name: "Odd id", externalId: "sku/1 a" });
    const missing = await call("GET", getOne, { key, params: { externalId: "nope" } });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: "NOT_FOUND", error: "No such product in this business." });
  });

  securityCases({
    method: "GET", handler: getOne, scope: "points:read",
    request: async (business) => {
      await upsertProduct(db, cliActor(business.id), { externalId: "p1", name: "P" });
      return { params: { externalId: "p1" } };
    },
    foreign: async (owner) => {
      await upsertProduct(db, cliActor(owner.id), { externalId: "theirs", name: "P" });
      return { params: { externalId: "theirs" } };
    },
  });
});
