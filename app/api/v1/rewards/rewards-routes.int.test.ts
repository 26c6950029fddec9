import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { redeemReward } from "@/server/rewards/redeem-reward";
import { createReward } from "@/server/rewards/manage-rewards";
import { awardPoints } from "@/server/ledger";
import { businessWithKey, call, createKey } from "@/test/api";
import { rowCounts } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { POST as upload } from "./[id]/coupons/route";
import { GET as getOne, PATCH as patch } from "./[id]/route";
import { GET as list, POST as create } from "./route";

const body = { title: "Free coffee", description: "Any size", pointsCost: 100, stock: 5, couponMode: "GENERATED", couponPrefix: "cof-" };
const foreignReward = async (owner: { id: string }) => (await createReward(db, cliActor(owner.id), { title: "Theirs", pointsCost: 10, couponMode: "POOL" })).id;
type Reward = { id: string; title: string; couponsAvailable: number | null };

describe("POST /api/v1/rewards", () => {
  it("creates a reward, prefix upper-cased, audited (201)", async () => {
    const { key, business } = await businessWithKey();
    const res = await call("POST", create, { key, body: { ...body, validUntil: "2030-01-01T00:00:00Z" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.data).toMatchObject({ title: "Free coffee", pointsCost: 100, stock: 5, active: true, couponMode: "GENERATED", couponPrefix: "COF-", couponsAvailable: null, validFrom: null, validUntil: "2030-01-01T00:00:00.000Z" });
    const row = await db.reward.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ couponPrefix: "COF-", stock: 5, perCustomerLimit: null });
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "reward.created" } })).toMatchObject({ targetId: row.id });
  });

  it("refuses bad input with a 400 sentence, storing nothing", async () => {
    const { key, business } = await businessWithKey();
    const before = await rowCounts(business.id);
    const bad = [
      {}, { title: "", pointsCost: 1 }, { title: "T", pointsCost: 0 }, { title: "T", pointsCost: 1.5 }, { title: "T", pointsCost: "10" },
      { title: "T", pointsCost: 1, stock: -1 }, { title: "T", pointsCost: 1, perCustomerLimit: 0 }, { title: "T", pointsCost: 1, couponMode: "SOMETIMES" },
      { title: "T", pointsCost: 1, couponPrefix: "X-" }, { title: "T", pointsCost: 1, couponMode: "GENERATED", couponPrefix: "has space" },
      { title: "T", pointsCost: 1, validFrom: "2030-01-02", validUntil: "2030-01-01" }, { title: "T", pointsCost: 1, validFrom: "soon" },
      { title: "T\u0000", pointsCost: 1 }, { title: "T", pointsCost: 1, colour: "red" }, { title: "T", pointsCost: 1e12 },
    ];
    for (const b of bad) {
      const res = await call("POST", create, { key, body: b });
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(res.json.error, JSON.stringify(b)).toMatch(/^Invalid request/);
    }
    expect(await rowCounts(business.id)).toEqual(before);
  });

  it("is refused to a till's points key (403)", async () => {
    const { business } = await businessWithKey();
    const { key } = await createKey(business.id, { scopes: ["points:read", "points:write"] });
    expect((await call("POST", create, { key, body })).status).toBe(403);
    expect(await db.reward.count({ where: { businessId: business.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: create, scope: "program:manage", request: () => ({ body }) });
});

describe("GET /api/v1/rewards and /rewards/{id}", () => {
  it("lists this business's rewards cheapest first, paged and filtered; ?customerId= what they can redeem now", async () => {
    const { key, actor } = await businessWithKey();
    const cheap = await createReward(db, actor, { title: "Cookie", pointsCost: 50 });
    const pricey = await createReward(db, actor, { title: "Mug", pointsCost: 500 });
    await createReward(db, actor, { title: "Retired", pointsCost: 10, active: false });
    await createReward(db, actor, { title: "Gone", pointsCost: 20, stock: 0 });
    await createReward(db, actor, { title: "Later", pointsCost: 30, validFrom: new Date(Date.now() + 86_400_000) });
    await foreignReward((await businessWithKey()).business);
    const all = await call("GET", list, { key });
    expect((all.data.items as Reward[]).map((r) => r.title)).toEqual(["Retired", "Gone", "Later", "Cookie", "Mug"]);
    expect(all.data.pagination).toEqual({ page: 1, perPage: 25, total: 5, totalPages: 1 });
    const page2 = await call("GET", list, { key, query: { active: "true", perPage: 2, page: 2 } });
    expect((page2.data.items as Reward[]).map((r) => r.title)).toEqual(["Cookie", "Mug"]);
    const { transaction } = await awardPoints(db, actor, { customerEmail: "c@example.com", amount: 60 });
    const mine = await call("GET", list, { key, query: { customerId: transaction.customerId } });
    expect((mine.data.items as Reward[]).map((r) => r.id)).toEqual([cheap.id]);
    // Not a reward they hold their limit of, nor an empty pool; and pending points don't count.
    const once = await createReward(db, actor, { title: "Once", pointsCost: 5, perCustomerLimit: 1 });
    await createReward(db, actor, { title: "Empty pool", pointsCost: 5, couponMode: "POOL" });
    await redeemReward(db, actor, { rewardId: once.id, customerId: transaction.customerId });
    await awardPoints(db, actor, { customerId: transaction.customerId, amount: 1000, availableAt: new Date(Date.now() + 86_400_000) });
    const now = await call("GET", list, { key, query: { customerId: transaction.customerId } });
    expect((now.data.items as Reward[]).map((r) => r.title)).toEqual(["Cookie"]);
    expect((await call("GET", getOne, { key, params: { id: pricey.id } })).data).toMatchObject({ title: "Mug", stock: null });
    expect((await call("GET", list, { key, query: { active: "maybe" } })).status).toBe(400);
    expect((await call("GET", list, { key, query: { customerId: crypto.randomUUID() } })).status).toBe(404);
  });

  securityCases({ method: "GET", handler: list, scope: "points:read", request: () => ({}) });
  securityCases({ method: "GET", handler: getOne, scope: "points:read", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignReward(o) } }) });
});

describe("PATCH /api/v1/rewards/{id}", () => {
  it("changes fields, auditing what moved; a change breaking the rules between fields is a 400 that changes nothing", async () => {
    const { key, actor, business } = await businessWithKey();
    const reward = await createReward(db, actor, { title: "Cookie", pointsCost: 50, validFrom: new Date("2030-01-01T00:00:00Z") });
    const res = await call("PATCH", patch, { key, params: { id: reward.id }, body: { title: "Big cookie", stock: 3, active: false, validFrom: null } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await db.reward.findFirstOrThrow({ where: { id: reward.id } })).toMatchObject({ title: "Big cookie", stock: 3, active: false, validFrom: null });
    expect((await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "reward.updated" } })).details).toEqual({
      title: { from: "Cookie", to: "Big cookie" }, active: { from: true, to: false }, stock: { from: null, to: 3 }, validFrom: { from: "2030-01-01T00:00:00.000Z", to: null },
    });
    const refused = await call("PATCH", patch, { key, params: { id: reward.id }, body: { couponPrefix: "X-" } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatch(/couponPrefix applies only to couponMode GENERATED/);
    expect((await call("PATCH", patch, { key, params: { id: reward.id }, body: {} })).status).toBe(400);
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "reward.updated" } })).toBe(1);
  });

  securityCases({ method: "PATCH", handler: patch, scope: "program:manage", request: () => ({ params: { id: crypto.randomUUID() }, body: { stock: 1 } }), foreign: async (o) => ({ params: { id: await foreignReward(o) }, body: { stock: 1 } }) });
});

describe("POST /api/v1/rewards/{id}/coupons", () => {
  it("adds a pool's codes from CSV (header optional, any case), listing duplicates; a bad line refuses the whole file", async () => {
    const { key, actor, business } = await businessWithKey();
    const reward = await createReward(db, actor, { title: "Voucher", pointsCost: 10, couponMode: "POOL" });
    const other = await createReward(db, actor, { title: "Other", pointsCost: 10, couponMode: "POOL" });
    await call("POST", upload, { key, params: { id: other.id }, body: { codes: ["taken-1"] } });
    const csv = "code\nshop-a1\nSHOP-B2\n\nshop-a1\ntaken-1\n";
    const res = await call("POST", upload, { key, params: { id: reward.id }, rawBody: csv, headers: { "content-type": "text/csv" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.data).toEqual({ added: 2, duplicates: ["TAKEN-1", "SHOP-A1"] });
    const codes = await db.rewardCoupon.findMany({ where: { businessId: business.id, rewardId: reward.id }, orderBy: { code: "asc" } });
    expect(codes.map((c) => [c.code, c.status, c.generated])).toEqual([["SHOP-A1", "AVAILABLE", false], ["SHOP-B2", "AVAILABLE", false]]);
    expect((await call("GET", getOne, { key, params: { id: reward.id } })).data).toMatchObject({ couponsAvailable: 2 });

    const bad = await call("POST", upload, { key, params: { id: reward.id }, rawBody: "NEW-1\nno spaces allowed\nNEW-2", headers: { "content-type": "text/csv; charset=utf-8" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/line 2: "NO SPACES ALLOWED" must be 3-64/);
    expect(await db.rewardCoupon.count({ where: { businessId: business.id } })).toBe(3);
  });

  it("takes JSON too, refuses a reward that isn't a pool (409) and too many codes (400)", async () => {
    const { key, actor } = await businessWithKey();
    const pool = await createReward(db, actor, { title: "Voucher", pointsCost: 10, couponMode: "POOL" });
    const plain = await createReward(db, actor, { title: "Plain", pointsCost: 10 });
    expect((await call("POST", upload, { key, params: { id: pool.id }, body: { codes: ["abc", "ab"] } })).status).toBe(400);
    const wrong = await call("POST", upload, { key, params: { id: plain.id }, body: { codes: ["ABC"] } });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error).toMatch(/set its couponMode to POOL/);
    const many = Array.from({ length: 10_001 }, (_, i) => `C-${i}`);
    expect((await call("POST", upload, { key, params: { id: pool.id }, body: { codes: many } })).status).toBe(400);
    expect((await call("POST", upload, { key, params: { id: pool.id }, rawBody: many.join("\n"), headers: { "content-type": "text/csv" } })).status).toBe(400);
    expect(await db.rewardCoupon.count({ where: { rewardId: pool.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: upload, scope: "program:manage", request: () => ({ params: { id: crypto.randomUUID() }, body: { codes: ["ABC"] } }), foreign: async (o) => ({ params: { id: await foreignReward(o) }, body: { codes: ["ABC"] } }) });
});
