// Every event the ledger writes is exactly its documented shape (no field more or less,
// timestamps in UTC with milliseconds), and carries the customer and the entry as the API
// shows them.
import { describe, expect, it } from "vitest";
import { databaseTimeIn, makeBusiness, untilDatabaseClockPasses } from "../../test/fixtures";
import { getCustomer } from "../customers/get-customer";
import { db } from "../db/client";
import { adjustPoints, awardPoints, expireDuePoints, redeemPoints, reverseEntry } from "../ledger";
import { outboxEvents, type OutboxEventType } from "./outbox-events";

// What the REST API sends for a value: JSON, dates as ISO strings.
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe("outbox events", () => {
  it("has one documented event per ledger movement and enrolment, each exactly its schema", async () => {
    const { actor } = await makeBusiness();
    const award = await awardPoints(db, actor, { customerEmail: "ev@test.dev", customerName: "Eve", amount: 100, metadata: { till: 2 } });
    const customerId = award.transaction.customerId;
    await awardPoints(db, actor, { customerId, amount: 80, reference: "order-1", idempotencyKey: "k-1" });
    const redeem = await redeemPoints(db, actor, { customerId, amount: 30 });
    await adjustPoints(db, actor, { customerId, points: -5, reason: "Fix" });
    await reverseEntry(db, actor, { entryId: redeem.transaction.id, reason: "Cancelled" });
    // Points that expire in a moment, the only write the wait depends on.
    const soon = await databaseTimeIn(2);
    await awardPoints(db, actor, { customerId, amount: 20, expiresAt: soon });
    await untilDatabaseClockPasses(soon);
    await expireDuePoints(db, { businessId: actor.businessId });

    const events = await db.outboxEvent.findMany({ where: { businessId: actor.businessId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual([
      "customer.created", "points.earned", "points.earned", "points.redeemed", "points.adjusted", "points.reversed", "points.earned", "points.expired",
    ]);
    for (const event of events) {
      const parsed = outboxEvents[event.type as OutboxEventType].safeParse(event.payload);
      expect(parsed.error?.issues ?? [], event.type).toEqual([]);
    }

    // The entry as the award answered it through the API, the customer as GET /customers shows it.
    const earned = events[1]!.payload as { entry: unknown; customer: Record<string, unknown>; balance: number };
    expect(earned.entry).toEqual(asJson(award.transaction));
    expect(earned.balance).toBe(100);
    const last = events.at(-1)!.payload as { customer: Record<string, unknown> };
    // Staff notes stay inside the API and the portal; events go to third parties.
    const { recentTransactions: _r, badges: _b, notes: _n, ...current } = asJson(await getCustomer(db, actor, { id: customerId }));
    expect(last.customer).toEqual(current);
  });
});
