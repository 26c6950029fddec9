import { describe, expect, it } from "vitest";
import { createCustomer } from "@/server/customers/create-customer";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { db } from "@/server/db/client";
import { cliActor } from "@/server/actors/actor";
import { call, createKey } from "@/test/api";
import { makeBusiness } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { GET as getCustomer } from "../customers/[id]/route";
import { GET as list, POST as award } from "./route";

async function setup() {
  const { business, actor } = await makeBusiness();
  const { key } = await createKey(business.id);
  const { customer } = await createCustomer(db, actor, { email: "ann@example.com", name: "Ann", phone: "5550100100", externalId: "ext-ann" });
  return { business, actor, key, customer };
}

const ownerActor = (owner: { id: string }) => cliActor(owner.id);

describe("POST /api/v1/badges", () => {
  it("creates the badge on first use and awards it once (201, then 200 alreadyAwarded)", async () => {
    const { business, key, customer } = await setup();
    const first = await call("POST", award, { key, body: { customerEmail: "ANN@example.com", badgeSlug: "VIP-Club", badgeName: "VIP club" } });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ badge: { slug: "vip-club", name: "VIP club" }, customerId: customer.id, alreadyAwarded: false });
    const again = await call("POST", award, { key, body: { customerPhone: "555 010 0100", badgeSlug: "vip-club", badgeName: "Renamed?" } });
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({ badge: { name: "VIP club" }, alreadyAwarded: true, awardedAt: first.data.awardedAt });
    expect(await db.badge.findMany({ where: { businessId: business.id } })).toMatchObject([{ slug: "vip-club", name: "VIP club" }]);
    expect(await db.customerBadge.count({ where: { businessId: business.id, customerId: customer.id } })).toBe(1);
    const byExternal = await call("POST", award, { key, body: { externalId: "ext-ann", badgeSlug: "first_visit" } });
    expect(byExternal.data).toMatchObject({ badge: { slug: "first_visit", name: "First visit" }, alreadyAwarded: false });
    const detail = await call("GET", getCustomer, { key, params: { id: customer.id } });
    expect((detail.data.badges as { slug: string }[]).map((b) => b.slug)).toEqual(["vip-club", "first_visit"]);
  });

  it("answers concurrent awards of one badge with exactly one 201", async () => {
    const { business, key } = await setup();
    const results = await Promise.all(Array.from({ length: 5 }, () => call("POST", award, { key, body: { customerEmail: "ann@example.com", badgeSlug: "race" } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await db.customerBadge.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("is 404 for an unknown customer and 400 for bad input, creating no badge", async () => {
    const { business, key } = await setup();
    const unknown = await call("POST", award, { key, body: { customerEmail: "ghost@example.com", badgeSlug: "vip" } });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: "CUSTOMER_NOT_FOUND" });
    for (const body of [{ badgeSlug: "vip" }, { customerEmail: "ann@example.com" }, { customerEmail: "ann@example.com", badgeSlug: "two words" }, { customerId: "nope", badgeSlug: "vip" }]) {
      expect((await call("POST", award, { key, body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await db.badge.count({ where: { businessId: business.id } })).toBe(0);
  });

  securityCases({ method: "POST", handler: award, scope: "customers:write", request: () => ({ body: { customerEmail: "s@example.com", badgeSlug: "vip" } }),
    foreign: async (owner) => {
      const { customer } = await createCustomer(db, ownerActor(owner), { email: "owned@example.com", name: "Owned" });
      return { body: { customerId: customer.id, badgeSlug: "vip" } };
    } });
});

describe("GET /api/v1/badges", () => {
  it("lists this business's badges with how many live customers hold each", async () => {
    const { actor, key } = await setup();
    const { customer: bob } = await createCustomer(db, actor, { email: "bob@example.com", name: "Bob" });
    const { customer: cat } = await createCustomer(db, actor, { email: "cat@example.com", name: "Cat" });
    for (const email of ["ann@example.com", "bob@example.com", "cat@example.com"]) await call("POST", award, { key, body: { customerEmail: email, badgeSlug: "regular" } });
    await call("POST", award, { key, body: { customerId: bob.id, badgeSlug: "vip" } });
    await eraseCustomer(db, actor, { id: cat.id });
    const other = await makeBusiness();
    const { customer: stranger } = await createCustomer(db, other.actor, { email: "x@example.com", name: "X" });
    await call("POST", award, { key: (await createKey(other.business.id)).key, body: { customerId: stranger.id, badgeSlug: "elsewhere" } });

    const res = await call("GET", list, { key });
    expect(res.status).toBe(200);
    expect((res.json.data as { slug: string; holders: number }[]).map((b) => [b.slug, b.holders])).toEqual([["regular", 2], ["vip", 1]]);
    expect(res.json.data).toMatchObject([{ name: "Regular", description: null }, { name: "Vip" }]);
  });

  securityCases({ method: "GET", handler: list, scope: "customers:read", request: () => ({}) });
});
