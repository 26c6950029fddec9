// No read counts a point past its expiry, even before the expiry job has run: balances (REST,
// POS, portal), the customer list and export, analytics liability and top customers.
import { beforeAll, describe, expect, it } from "vitest";
import { databaseTimeIn, makeBusiness, untilDatabaseClockPasses } from "../../test/fixtures";
import type { Actor } from "../actors/actor";
import { getAnalytics } from "../analytics/get-analytics";
import { defaultRange } from "../analytics/analytics-range";
import { createCustomer } from "../customers/create-customer";
import { exportCustomers } from "../customers/export-customers";
import { updateCustomer } from "../customers/update-customer";
import { getCustomer } from "../customers/get-customer";
import { listCustomers } from "../customers/list-customers";
import { db } from "../db/client";
import { findTillCustomer } from "../pos/find-till-customer";
import { awardPoints, expireDuePoints, getBalance } from ".";

let actor: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ actor } = await makeBusiness());
  const award = async (who: string, amount: number, expiresAt?: Date) =>
    (ids[who] = (await awardPoints(db, actor, { customerEmail: `${who}@test.dev`, customerName: who, amount, expiresAt })).transaction.customerId);
  await award("ann", 50);
  await award("cy", 200);
  // Each expiring award gets its own few seconds, however slow the machine.
  const annSoon = await databaseTimeIn(3);
  await award("ann", 100, annSoon);
  const bobSoon = await databaseTimeIn(3);
  await award("bob", 300, bobSoon); // the largest balance until it expires
  await untilDatabaseClockPasses(bobSoon);
});

describe("balances between expiry runs", () => {
  it("leave out expired points everywhere a balance is read, with no EXPIRE entry written yet", async () => {
    expect(await db.ledgerEntry.count({ where: { businessId: actor.businessId, type: "EXPIRE" } })).toBe(0);
    expect(await getBalance(db, actor, { customerId: ids.ann })).toMatchObject({ balance: 50, lifetimeEarned: 150, expiringSoon: { points: 0, nextExpiryAt: null } });
    expect((await getBalance(db, actor, { customerEmail: "bob@test.dev" })).balance).toBe(0);
    expect((await findTillCustomer(db, actor, ids.ann!)).balance).toBe(50);
    expect((await getCustomer(db, actor, { id: ids.ann! })).balance).toBe(50);
    // Answers of customer writes that move no points read the balance the same way.
    expect((await updateCustomer(db, actor, { id: ids.ann!, name: "Ann" })).balance).toBe(50);
    expect(await createCustomer(db, actor, { email: "ann@test.dev", name: "Ann" })).toMatchObject({ created: false, customer: { balance: 50 } });
    const listed = await listCustomers(db, actor, { sortBy: "name", sortOrder: "asc" });
    expect(listed.items.map((c) => [c.name, c.balance])).toEqual([["Ann", 50], ["bob", 0], ["cy", 200]]);
    const exported = [];
    for await (const batch of exportCustomers(db, actor, { sortBy: "name", sortOrder: "asc" })) exported.push(...batch);
    expect(exported.map((c) => c.balance)).toEqual([50, 0, 200]);
  });

  it("leave them out of analytics: liability and the ranking of top customers", async () => {
    const analytics = await getAnalytics(db, actor, defaultRange());
    expect(analytics.liability.points).toBe(250);
    expect(analytics.daily.at(-1)?.liability).toBe(250);
    expect(analytics.topCustomers.map((c) => [c.name, c.balance])).toEqual([["cy", 200], ["Ann", 50]]);
  });

  it("stay the same once the expiry job has written the EXPIRE entries history shows", async () => {
    const run = await expireDuePoints(db, { businessId: actor.businessId });
    expect(run).toEqual({ customers: 2, points: 400 });
    expect((await getBalance(db, actor, { customerId: ids.ann })).balance).toBe(50);
    expect((await getAnalytics(db, actor, defaultRange())).liability.points).toBe(250);
    const cached = await db.customer.findMany({ where: { businessId: actor.businessId }, orderBy: { name: "asc" } });
    expect(cached.map((c) => c.balance)).toEqual([50, 0, 200]);
  });
});

describe("a write between expiry runs", () => {
  it("expires the customer's due points first and answers the exact balance", async () => {
    const { actor: own } = await makeBusiness();
    const soon = await databaseTimeIn(2);
    const first = await awardPoints(db, own, { customerEmail: "dee@test.dev", amount: 70, expiresAt: soon });
    await untilDatabaseClockPasses(soon);
    const next = await awardPoints(db, own, { customerId: first.transaction.customerId, amount: 10 });
    expect(next).toMatchObject({ balance: 10, expired: { type: "EXPIRE", points: -70, actorType: "SYSTEM" }, transaction: { balanceAfter: 10 } });
    const customer = await db.customer.findFirstOrThrow({ where: { businessId: own.businessId, id: first.transaction.customerId } });
    expect(customer.balance).toBe(10);
  });
});
