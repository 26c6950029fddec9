import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { createCampaign } from "@/server/campaigns/manage-campaigns";
import { db } from "@/server/db/client";
import { businessWithKey, call, createKey } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { GET as getOne, PATCH as patch } from "./[id]/route";
import { GET as list, POST as create } from "./route";

const weekend = { name: "Double weekend", kind: "MULTIPLIER" as const, multiplierPercent: 200, startsAt: "2030-01-04T00:00:00Z", endsAt: "2030-01-06T00:00:00Z" };
const foreignCampaign = async (owner: { id: string }) => (await createCampaign(db, cliActor(owner.id), { name: "Theirs", kind: "SIGNUP", points: 10 })).id;

describe("POST /api/v1/campaigns", () => {
  it("creates a campaign, stores named by code resolved to ids, audited (201)", async () => {
    const { key, business } = await businessWithKey();
    const store = await db.store.create({ data: { businessId: business.id, name: "Downtown", code: "DT" } });
    const res = await call("POST", create, { key, body: { ...weekend, storeIds: ["dt"], categories: ["  Hot   drinks ", "hot drinks"] } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.data).toMatchObject({ name: "Double weekend", kind: "MULTIPLIER", multiplierPercent: 200, points: null, active: true, storeIds: [store.id], categories: ["hot drinks"], pointsIssued: 0, customers: 0 });
    const row = await db.campaign.findFirstOrThrow({ where: { businessId: business.id } });
    expect(row).toMatchObject({ storeIds: [store.id], startsAt: new Date("2030-01-04T00:00:00Z") });
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "campaign.created" } })).toMatchObject({ targetId: row.id });
  });

  it("refuses bad input with a 400 sentence, storing nothing", async () => {
    const { key, business } = await businessWithKey();
    const bad = [
      {}, { ...weekend, name: "" }, { ...weekend, kind: "WEEKLY" }, { ...weekend, endsAt: "2030-01-03T00:00:00Z" }, { ...weekend, endsAt: weekend.startsAt },
      { ...weekend, multiplierPercent: 100 }, { ...weekend, multiplierPercent: 1001 }, { ...weekend, multiplierPercent: 150.5 }, { ...weekend, multiplierPercent: undefined },
      { ...weekend, startsAt: undefined }, { ...weekend, endsAt: null }, { ...weekend, points: 10 }, { ...weekend, storeIds: ["NOPE"] },
      { name: "Welcome", kind: "SIGNUP" }, { name: "Welcome", kind: "SIGNUP", points: 0 }, { name: "Welcome", kind: "SIGNUP", points: 10, multiplierPercent: 200 },
      { name: "Birthday", kind: "BIRTHDAY", points: 10, categories: ["Tea"] }, { name: "W", kind: "SIGNUP", points: 10, colour: "red" },
      { name: "W\u0000", kind: "SIGNUP", points: 10 }, { name: "W", kind: "SIGNUP", points: 1e12 },
    ];
    for (const b of bad) {
      const res = await call("POST", create, { key, body: b });
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(res.json.error, JSON.stringify(b)).toMatch(/^Invalid request/);
    }
    expect(await db.campaign.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("is refused to a till's points key (403)", async () => {
    const { business } = await businessWithKey();
    const { key } = await createKey(business.id, { scopes: ["points:read", "points:write"] });
    expect((await call("POST", create, { key, body: weekend })).status).toBe(403);
    expect((await call("GET", list, { key })).status).toBe(403);
    expect(await db.campaign.count({ where: { businessId: business.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: create, scope: "program:manage", request: () => ({ body: weekend }) });
});

describe("GET and PATCH /api/v1/campaigns/{id}", () => {
  it("lists this business's campaigns newest first, filtered; another business's is a 404", async () => {
    const { key, actor, business } = await businessWithKey();
    const other = await businessWithKey();
    await foreignCampaign(other.business);
    const first = await createCampaign(db, actor, { name: "Welcome", kind: "SIGNUP", points: 20 });
    const second = await createCampaign(db, actor, { ...weekend, startsAt: new Date(weekend.startsAt), endsAt: new Date(weekend.endsAt) });
    const all = await call("GET", list, { key });
    expect((all.data as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([second.id, first.id]);
    const signups = await call("GET", list, { key, query: { kind: "signup" } });
    expect((signups.data as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([first.id]);
    expect((await call("GET", getOne, { key, params: { id: first.id } })).data).toMatchObject({ id: first.id, points: 20 });
    expect((await call("GET", getOne, { key, params: { id: await foreignCampaign(other.business) } })).status).toBe(404);
    expect((await call("PATCH", patch, { key, params: { id: await foreignCampaign(other.business) }, body: { active: false } })).status).toBe(404);
    expect(await db.campaign.count({ where: { businessId: other.business.id, active: false } })).toBe(0);
    expect(business.id).not.toBe(other.business.id);
  });

  it("changes and ends a campaign (audited); the rules hold on the changed campaign", async () => {
    const { key, actor, business } = await businessWithKey();
    const c = await createCampaign(db, actor, { ...weekend, startsAt: new Date(weekend.startsAt), endsAt: new Date(weekend.endsAt) });
    const ended = await call("PATCH", patch, { key, params: { id: c.id }, body: { active: false, name: "Was double" } });
    expect(ended.status, JSON.stringify(ended.json)).toBe(200);
    expect(await db.campaign.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: c.id } } })).toMatchObject({ active: false, name: "Was double" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "campaign.updated" } });
    expect(audit.details).toMatchObject({ active: { from: true, to: false }, name: { from: "Double weekend", to: "Was double" } });
    for (const body of [{ endsAt: "2030-01-01T00:00:00Z" }, { points: 5 }, { kind: "SIGNUP" }, {}, { endsAt: null }]) {
      const res = await call("PATCH", patch, { key, params: { id: c.id }, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await db.campaign.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: c.id } } })).toMatchObject({ endsAt: new Date(weekend.endsAt), points: null });
  });

  securityCases({
    method: "PATCH", handler: patch, scope: "program:manage",
    request: async (business) => ({ params: { id: await foreignCampaign(business) }, body: { active: false } }),
    foreign: async (owner) => ({ params: { id: await foreignCampaign(owner) }, body: { active: false } }),
  });
});
