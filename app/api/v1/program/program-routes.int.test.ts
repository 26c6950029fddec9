import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { businessWithKey, call, createKey } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { GET, PUT } from "./route";

const rules = { name: "Bean There", currency: "eur", pointValuePer100: 50, earnMode: "SPEND", earnRate: 2, rewardThreshold: 150, pointExpiryDays: 365, expiringSoonDays: 10 };

describe("GET /api/v1/program", () => {
  it("answers the program's rules and its tiers", async () => {
    const { key } = await businessWithKey();
    const res = await call("GET", GET, { key });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ earnMode: "SPEND", earnRate: 1, pointExpiryDays: null, expiringSoonDays: 7, pendingDays: 0, tierBasis: "LIFETIME" });
    expect(res.data.tiers).toEqual([
      { name: "Bronze", minPoints: 0, multiplierPercent: 100 },
      { name: "Silver", minPoints: 1000, multiplierPercent: 100 },
      { name: "Gold", minPoints: 5000, multiplierPercent: 100 },
    ]);
  });

  securityCases({ method: "GET", handler: GET, scope: "program:manage", request: () => ({}) });
});

describe("PUT /api/v1/program", () => {
  it("replaces the rules and audits each field that moved, with its before and after", async () => {
    const { key, business } = await businessWithKey();
    const res = await call("PUT", PUT, { key, body: rules });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ ...rules, currency: "EUR" });
    expect(await db.business.findUniqueOrThrow({ where: { id: business.id } })).toMatchObject({ earnRate: 2, pointValuePer100: 50, currency: "EUR", pointExpiryDays: 365, expiringSoonDays: 10 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "settings.updated" } });
    expect(audit).toMatchObject({ actorType: "API_KEY", targetId: business.id });
    expect(audit.details).toMatchObject({ earnRate: { from: 1, to: 2 }, pointExpiryDays: { from: null, to: 365 }, expiringSoonDays: { from: 7, to: 10 } });
    // The same rules again change nothing and audit nothing.
    await call("PUT", PUT, { key, body: rules });
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "settings.updated" } })).toBe(1);
  });

  it("sets tiers (any order in, lowest first out), their basis and pending days, audits them and queues re-tiering once", async () => {
    const { key, business } = await businessWithKey();
    const tiers = [
      { name: "Gold", minPoints: 500, multiplierPercent: 200 },
      { name: "Member", minPoints: 0, multiplierPercent: 100 },
      { name: "Silver", minPoints: 100, multiplierPercent: 150 },
    ];
    const res = await call("PUT", PUT, { key, body: { ...rules, tiers, tierBasis: "ROLLING_12_MONTHS", pendingDays: 14 } });
    expect(res.status).toBe(200);
    expect((res.data.tiers as { name: string }[]).map((t) => t.name)).toEqual(["Member", "Silver", "Gold"]);
    const stored = await db.business.findUniqueOrThrow({ where: { id: business.id } });
    expect(stored).toMatchObject({ tierBasis: "ROLLING_12_MONTHS", pendingDays: 14 });
    expect(stored.tiers).toEqual([tiers[1], tiers[2], tiers[0]]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "settings.updated" } });
    expect(audit.details).toMatchObject({ tierBasis: { from: "LIFETIME", to: "ROLLING_12_MONTHS" }, pendingDays: { from: 0, to: 14 } });
    const jobs = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`reevaluate_tiers:${business.id}`}`;
    expect(Number(jobs[0]!.n)).toBe(1);
    // The same tiers again (in another order): nothing moved, nothing audited.
    await call("PUT", PUT, { key, body: { ...rules, tiers: [...tiers].reverse() } });
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "settings.updated" } })).toBe(1);
  });

  it("refuses bad rules, a missing field and bad tiers with 400, changing nothing", async () => {
    const { key, business } = await businessWithKey();
    const { earnRate: _omitted, ...missing } = rules;
    const tier = { name: "Silver", minPoints: 100, multiplierPercent: 150 };
    const badTiers = [
      [tier, { ...tier, minPoints: 200 }], // the same name twice
      [tier, { ...tier, name: "Gold" }], // the same threshold twice
      [{ ...tier, multiplierPercent: 99 }],
      [{ ...tier, multiplierPercent: 150.5 }],
      [{ ...tier, minPoints: -1 }],
      [{ ...tier, name: " " }],
      [{ name: "Silver", minLifetimePoints: 100 }],
      Array.from({ length: 11 }, (_, i) => ({ ...tier, name: `T${i}`, minPoints: i })),
    ];
    for (const bad of [{ ...rules, earnRate: 0 }, { ...rules, earnRate: 1.5 }, { ...rules, currency: "euro" }, { ...rules, earnMode: "VISIT" }, missing,
      { ...rules, pendingDays: 366 }, { ...rules, tierBasis: "YEARLY" }, ...badTiers.map((tiers) => ({ ...rules, tiers }))]) {
      const res = await call("PUT", PUT, { key, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.json.code).toBe("VALIDATION_ERROR");
    }
    expect(await db.business.findUniqueOrThrow({ where: { id: business.id } })).toMatchObject({ earnRate: 1, currency: "USD" });
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "settings.updated" } })).toBe(0);
  });

  it("is refused to a points or customers key (403): the rules are the owner's", async () => {
    const { business } = await businessWithKey();
    const { key } = await createKey(business.id, { scopes: ["points:read", "points:write", "customers:read", "customers:write", "webhooks:manage"] });
    expect((await call("PUT", PUT, { key, body: rules })).status).toBe(403);
    expect((await call("GET", GET, { key })).status).toBe(403);
    expect((await db.business.findUniqueOrThrow({ where: { id: business.id } })).earnRate).toBe(1);
  });

  securityCases({ method: "PUT", handler: PUT, scope: "program:manage", request: () => ({ body: rules }) });
});
