import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { db } from "@/server/db/client";
import { createStore } from "@/server/stores/manage-stores";
import { businessWithKey, call, createKey } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { GET as getOne, PATCH as patch } from "./[id]/route";
import { GET as list, POST as create } from "./route";

const body = { name: "Downtown", code: "dt-01", address: "1 Main St" };
const foreignStore = async (owner: { id: string }) => (await createStore(db, cliActor(owner.id), { name: "Theirs", code: "X1" })).id;

describe("POST /api/v1/stores", () => {
  it("creates a store with its code upper-cased, audited (201)", async () => {
    const { key, business } = await businessWithKey();
    const res = await call("POST", create, { key, body });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ name: "Downtown", code: "DT-01", address: "1 Main St", active: true });
    const row = await db.store.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ code: "DT-01", active: true });
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "store.created" } })).toMatchObject({ targetId: row.id, details: { name: "Downtown", code: "DT-01" } });
  });

  it("refuses a code another store has (409, naming it) and bad input (400), storing nothing more", async () => {
    const { key, business } = await businessWithKey();
    const first = await call("POST", create, { key, body });
    const clash = await call("POST", create, { key, body: { name: "Other", code: "DT-01" } });
    expect(clash.status).toBe(409);
    expect(clash.json).toMatchObject({ code: "ALREADY_EXISTS", error: expect.stringContaining(`"Downtown" (${(first.data as { id: string }).id})`) });
    for (const bad of [{ name: "", code: "A" }, { name: "N", code: "has space" }, { name: "N" }, { name: "N", code: "A", active: "yes" }, { ...body, code: "B", colour: "red" }]) {
      const res = await call("POST", create, { key, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await db.store.count({ where: { businessId: business.id } })).toBe(1);
    // The same code in another business is fine: codes are per business.
    const other = await businessWithKey();
    expect((await call("POST", create, { key: other.key, body })).status).toBe(201);
  });

  it("is refused to a till's points key (403): stores are the program's", async () => {
    const { business } = await businessWithKey();
    const { key } = await createKey(business.id, { scopes: ["points:read", "points:write"] });
    expect((await call("POST", create, { key, body })).status).toBe(403);
    expect(await db.store.count({ where: { businessId: business.id } })).toBe(0);
    // ...which may read them.
    expect((await call("GET", list, { key })).status).toBe(200);
  });

  securityCases({ method: "POST", handler: create, scope: "program:manage", request: () => ({ body }) });
});

describe("GET /api/v1/stores and /stores/{id}", () => {
  it("lists this business's stores by name, open or closed on request", async () => {
    const { key, actor } = await businessWithKey();
    await createStore(db, actor, { name: "Uptown", code: "UP" });
    await createStore(db, actor, { name: "Airport", code: "AP", active: false });
    await foreignStore((await businessWithKey()).business);
    const all = await call("GET", list, { key });
    expect((all.data as unknown as { name: string }[]).map((s) => s.name)).toEqual(["Airport", "Uptown"]);
    const open = await call("GET", list, { key, query: { active: "true" } });
    expect((open.data as unknown as { name: string }[]).map((s) => s.name)).toEqual(["Uptown"]);
    expect((await call("GET", list, { key, query: { active: "maybe" } })).status).toBe(400);
  });

  securityCases({ method: "GET", handler: list, scope: "points:read", request: () => ({}) });
  securityCases({ method: "GET", handler: getOne, scope: "points:read", request: () => ({ params: { id: crypto.randomUUID() } }), foreign: async (o) => ({ params: { id: await foreignStore(o) } }) });
});

describe("PATCH /api/v1/stores/{id}", () => {
  it("renames, recodes and closes a store, auditing what moved; a taken code is 409 and changes nothing", async () => {
    const { key, actor, business } = await businessWithKey();
    const store = await createStore(db, actor, body);
    await createStore(db, actor, { name: "Uptown", code: "UP" });
    const res = await call("PATCH", patch, { key, params: { id: store.id }, body: { name: "Downtown East", address: null, active: false } });
    expect(res.status).toBe(200);
    expect(await db.store.findFirstOrThrow({ where: { id: store.id } })).toMatchObject({ name: "Downtown East", address: null, active: false, code: "DT-01" });
    expect((await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "store.updated" } })).details).toEqual({
      name: { from: "Downtown", to: "Downtown East" },
      address: { from: "1 Main St", to: null },
      active: { from: true, to: false },
    });
    const clash = await call("PATCH", patch, { key, params: { id: store.id }, body: { code: "up" } });
    expect(clash.status).toBe(409);
    expect((await db.store.findFirstOrThrow({ where: { id: store.id } })).code).toBe("DT-01");
    expect((await call("PATCH", patch, { key, params: { id: store.id }, body: {} })).status).toBe(400);
  });

  securityCases({ method: "PATCH", handler: patch, scope: "program:manage", request: () => ({ params: { id: crypto.randomUUID() }, body: { active: false } }), foreign: async (o) => ({ params: { id: await foreignStore(o) }, body: { active: false } }) });
});
