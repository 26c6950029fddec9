// customer.updated, customer.blocked and customer.unblocked: written by the customers trigger
// for every path that changes what an integrator sees of a customer (REST PATCH and PUT, the
// portal, raw SQL), never for ledger moves or staff notes, never for an erasure.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { rawPool } from "../../test/test-database";
import { db } from "../db/client";
import { awardPoints, redeemPoints } from "../ledger";
import { erasedEventDataSchema, outboxEvents } from "../outbox/outbox-events";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";
import { createCustomer } from "./create-customer";
import { eraseCustomer } from "./erase-customer";
import { updateCustomer } from "./update-customer";
import { upsertCustomerByExternalId } from "./upsert-customer";

const pool = rawPool();

// The events written since `after` (an outbox id), in order.
async function eventsSince(businessId: string, after = 0n) {
  const rows = await db.outboxEvent.findMany({ where: { businessId, id: { gt: after } }, orderBy: { id: "asc" } });
  return rows.map((e) => ({ type: e.type, payload: e.payload as { customer: Record<string, unknown>; changes?: string[] } }));
}
async function lastEventId(businessId: string): Promise<bigint> {
  return (await db.outboxEvent.findFirst({ where: { businessId }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
}

describe("customer change events", () => {
  it("announces changed public fields once, with their names, and the customer as it is now", async () => {
    const { actor } = await makeBusiness();
    const { customer } = await createCustomer(db, actor, { email: "ana@test.dev", name: "Ana", phone: "+15550100001", notes: "VIP" });
    const mark = await lastEventId(actor.businessId);

    await updateCustomer(db, actor, { id: customer.id, name: "Ana Lima", phone: "+15550100002" });
    await updateCustomer(db, actor, { id: customer.id, name: "Ana Lima" }); // the same: nothing
    await updateCustomer(db, actor, { id: customer.id, notes: "VIP, oat milk" }); // staff notes aren't in events
    await upsertCustomerByExternalId(db, actor, { externalId: "crm-1", email: "ana@test.dev" }); // attaches the external id
    await upsertCustomerByExternalId(db, actor, { externalId: "crm-1", email: "ana.lima@test.dev", name: "Ana Lima" });

    const events = await eventsSince(actor.businessId, mark);
    expect(events.map((e) => [e.type, e.payload.changes])).toEqual([
      ["customer.updated", ["name", "phone"]],
      ["customer.updated", ["externalId"]],
      ["customer.updated", ["email"]],
    ]);
    for (const event of events) expect(outboxEvents["customer.updated"].safeParse(event.payload).error?.issues ?? []).toEqual([]);
    expect(events[0]!.payload.customer).toMatchObject({ id: customer.id, name: "Ana Lima", phone: "+15550100002", email: "ana@test.dev" });
    expect(events[2]!.payload.customer).toMatchObject({ email: "ana.lima@test.dev", externalId: "crm-1" });
    expect(JSON.stringify(events)).not.toContain("oat milk");
  });

  it("announces blocking and unblocking from the API and the portal, apart from field changes", async () => {
    const { business, owner, ownerActor, customerId } = await makePortalBusiness("ev");
    const portal = callerFor(owner, business.id);
    const mark = await lastEventId(business.id);

    await portal.customers.setStatus({ id: customerId, status: "BLOCKED" });
    await portal.customers.setStatus({ id: customerId, status: "BLOCKED" }); // already blocked: nothing
    await updateCustomer(db, ownerActor, { id: customerId, status: "ACTIVE", name: "Pat Q. Customer" });

    const events = await eventsSince(business.id, mark);
    expect(events.map((e) => e.type)).toEqual(["customer.blocked", "customer.updated", "customer.unblocked"]);
    expect(events.map((e) => e.payload.customer.status)).toEqual(["BLOCKED", "ACTIVE", "ACTIVE"]);
    expect(events[1]!.payload.changes).toEqual(["name"]);
    for (const { type, payload } of events) expect(outboxEvents[type as keyof typeof outboxEvents].safeParse(payload).error?.issues ?? [], type).toEqual([]);
    // The schemas tell the two apart: a blocked event with an active customer is not one.
    expect(outboxEvents["customer.blocked"].safeParse(events[2]!.payload).success).toBe(false);
  });

  it("announces a change made outside the domain functions too (the trigger, not the callers)", async () => {
    const { actor } = await makeBusiness();
    const { customer } = await createCustomer(db, actor, { email: "raw@test.dev", name: "Raw" });
    const mark = await lastEventId(actor.businessId);
    await pool.query(`UPDATE customers SET name = 'Raw Two', status = 'BLOCKED' WHERE business_id = $1 AND id = $2`, [actor.businessId, customer.id]);
    expect((await eventsSince(actor.businessId, mark)).map((e) => e.type)).toEqual(["customer.updated", "customer.blocked"]);
  });

  it("leaves ledger moves to the points.* events and a tier move to customer.tier_changed: no customer.updated for any of them", async () => {
    const { actor } = await makeBusiness();
    const award = await awardPoints(db, actor, { customerEmail: "tier@test.dev", customerName: "Tia", amount: 900 });
    const mark = await lastEventId(actor.businessId);
    // Crosses the default Silver threshold (1,000 lifetime points): the tier moves.
    const silver = await awardPoints(db, actor, { customerId: award.transaction.customerId, amount: 200 });
    await redeemPoints(db, actor, { customerId: award.transaction.customerId, amount: 50 });
    const events = await eventsSince(actor.businessId, mark);
    expect(events.map((e) => e.type)).toEqual(["customer.tier_changed", "points.earned", "points.redeemed"]);
    expect(events[0]!.payload.customer.tier).toBe("Silver");
    expect(events[1]!.payload.customer.tier).toBe("Silver");
    expect(silver.transaction.points).toBe(200);
  });

  it("erasure writes one customer.erased with the id only, and no update, block or personal value", async () => {
    const { actor } = await makeBusiness();
    const { customer } = await createCustomer(db, actor, { email: "gone@test.dev", name: "Gwen Gone", phone: "+15550100099", externalId: "crm-gone-7", initialPoints: 30 });
    await updateCustomer(db, actor, { id: customer.id, name: "Gwen Gone-Again" });
    const mark = await lastEventId(actor.businessId);

    await eraseCustomer(db, actor, { id: customer.id });
    const events = await eventsSince(actor.businessId, mark);
    // The forfeited balance (an adjustment, itself reduced to ids), then the erasure.
    expect(events.map((e) => e.type)).toEqual(["points.adjusted", "customer.erased"]);
    expect(events[1]!.payload).toEqual({ customer: { id: customer.id } });
    expect(outboxEvents["customer.erased"].safeParse(events[1]!.payload).success).toBe(true);

    // Every event about them now: ids only, the erased one exactly as written.
    const all = await eventsSince(actor.businessId);
    expect(all.filter((e) => e.type === "customer.erased")).toHaveLength(1);
    // The update before the erasure: reduced like every earlier event, in the documented form.
    const updated = all.find((e) => e.type === "customer.updated")!;
    expect(updated.payload).toEqual({ customer: { id: customer.id }, erased: true });
    expect(erasedEventDataSchema.safeParse(updated.payload).success).toBe(true);
    const text = JSON.stringify(all);
    for (const value of ["gone@test.dev", "Gwen", "5550100099", "crm-gone-7"]) expect(text).not.toContain(value);
    // A second erasure call (the definer is idempotent) writes nothing more and rewrites nothing.
    await pool.query(`SELECT ll_erase_customer_data($1, $2)`, [actor.businessId, customer.id]);
    expect(await eventsSince(actor.businessId)).toEqual(all);
  });
});
