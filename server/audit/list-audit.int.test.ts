// The portal's audit log tells each row's story in words and links what it names: a lock names
// the customer, a points adjustment its signed points, a settings change each field's move.
// Filters by the points group and by person; another business's records and names never show.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";

describe("audit log in words", () => {
  it("names targets with links, groups points actions, filters by person, and shows only the caller's business", async () => {
    const fixture = await makePortalBusiness("story");
    const other = await makePortalBusiness("story-other");
    const owner = callerFor(fixture.owner);
    const staff = callerFor(fixture.staff);
    await db.customer.update({ where: { businessId_id: { businessId: fixture.business.id, id: fixture.customerId } }, data: { name: "Grace Hopper" } });
    await staff.customers.setStatus({ id: fixture.customerId, status: "BLOCKED" });
    await staff.points.adjust({ customerId: fixture.customerId, points: 25, reason: "Goodwill" });
    const { id: _id, ...settings } = (await owner.settings.get()) as Record<string, unknown>;
    await owner.settings.update({ ...(settings as Parameters<typeof owner.settings.update>[0]), earnRate: 2 });
    await callerFor(other.owner).customers.setStatus({ id: other.customerId, status: "BLOCKED" });

    const all = await owner.audit.list({});
    const story = all.items.map((r) => [r.summary, r.targetHref, r.actorName]);
    expect(story).toEqual([
      ["Changed earn rate 1 → 2", "/settings", fixture.owner.name],
      ["Adjusted Grace Hopper's points by +25: Goodwill", `/customers/${fixture.customerId}`, fixture.staff.name],
      ["Locked Grace Hopper", `/customers/${fixture.customerId}`, fixture.staff.name],
    ]);
    expect(all.people.map((p) => p.label).sort()).toEqual([fixture.owner.name, fixture.staff.name].sort());

    const points = await owner.audit.list({ action: "points.*" });
    expect(points.items.map((r) => r.action)).toEqual(["points.adjusted"]);
    const byStaff = await owner.audit.list({ person: `USER:${fixture.staff.id}` });
    expect(byStaff.items.map((r) => r.action)).toEqual(["points.adjusted", "customer.blocked"]);
    await expect(owner.audit.list({ person: "ROBOT:1" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // After erasure the name is gone from the log's story too, and nothing links to it.
    await owner.customers.erase({ id: fixture.customerId, reason: "Asked to be forgotten" });
    const after = await owner.audit.list({ action: "customer.blocked" });
    expect(after.items[0]).toMatchObject({ summary: "Locked an erased customer", targetHref: null });
    expect(JSON.stringify((await owner.audit.list({})).items.map((r) => r.summary))).not.toContain("Grace Hopper");
  });

  it("records points a person gives a new customer, among the points changes", async () => {
    const fixture = await makePortalBusiness("story-opening");
    const staff = callerFor(fixture.staff);
    const { customer } = await staff.customers.create({ name: "Jo", email: `jo-${fixture.business.id.slice(0, 8)}@x.test`, initialPoints: 500, initialPointsReason: "Paper card moved over" });
    const points = await callerFor(fixture.owner).audit.list({ action: "points.*" });
    expect(points.items.map((r) => [r.summary, r.targetHref, r.actorName])).toEqual([
      ["Gave Jo 500 opening points: Paper card moved over", `/customers/${customer.id}`, fixture.staff.name],
    ]);
  });
});

