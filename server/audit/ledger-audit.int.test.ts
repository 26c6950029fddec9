// Manual adjustments and reversals are audited by the ledger itself, in the transaction of the
// entry: from the portal and from the API alike, naming the customer, points, reason, entry,
// who did it and the request; a refused or rolled-back write leaves no record.
import { describe, expect, it } from "vitest";
import { apiKeyActor } from "../actors/actor";
import { db } from "../db/client";
import { adjustPoints, redeemPoints, reverseEntry } from "../ledger";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";

const auditOf = (businessId: string, action: string) =>
  db.auditLog.findMany({ where: { businessId, action }, orderBy: { id: "asc" } });

describe("ledger audit records", () => {
  it("records a portal adjustment and reversal with the staff member, the customer and the entry", async () => {
    const fixture = await makePortalBusiness("audit");
    const staff = callerFor(fixture.staff);
    const adjusted = await staff.points.adjust({ customerId: fixture.customerId, points: -40, reason: "Damaged voucher" });
    const reversed = await staff.points.reverse({ entryId: fixture.awardEntryId, reason: "Keyed twice" }).catch((e: unknown) => e);
    // 300 awarded, 40 taken: the award's 300 can't all be taken back.
    expect(reversed).toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    const undo = await staff.points.reverse({ entryId: adjusted.transaction.id, reason: "Wrong customer" });

    const [adjust] = await auditOf(fixture.business.id, "points.adjusted");
    expect(adjust).toMatchObject({
      actorType: "USER", actorId: fixture.staff.id, actorName: fixture.staff.name, targetType: "customer", targetId: fixture.customerId,
      details: { entryId: adjusted.transaction.id, points: -40, reason: "Damaged voucher" },
    });
    const reversals = await auditOf(fixture.business.id, "points.reversed");
    expect(reversals).toHaveLength(1); // the refused reversal left none
    expect(reversals[0]).toMatchObject({
      targetId: fixture.customerId,
      details: { entryId: undo.transaction.id, reversedEntryId: adjusted.transaction.id, points: 40, reason: "Wrong customer" },
    });
  });

  it("records an API adjustment with the key and request id, and nothing for a refused one or a redemption", async () => {
    const fixture = await makePortalBusiness("audit-api");
    const key = apiKeyActor({ id: "key-audit", businessId: fixture.business.id }, { staffName: "Sam", requestId: "req-123" });
    await adjustPoints(db, key, { customerId: fixture.customerId, points: 15, reason: "Goodwill" });
    await expect(adjustPoints(db, key, { customerId: fixture.customerId, points: -10_000, reason: "Too much" })).rejects.toMatchObject({ code: "INSUFFICIENT_POINTS" });
    await redeemPoints(db, key, { customerId: fixture.customerId, amount: 5 });
    const records = await db.auditLog.findMany({ where: { businessId: fixture.business.id, action: { startsWith: "points." } } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actorType: "API_KEY", actorId: "key-audit", actorName: "Sam", requestId: "req-123", details: { points: 15, reason: "Goodwill" } });
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { businessId: fixture.business.id, type: "ADJUST" } });
    expect(entry.requestId).toBe("req-123");
  });

  it("rolls back with the caller's transaction", async () => {
    const fixture = await makePortalBusiness("audit-tx");
    await expect(
      db.$transaction(async (tx) => {
        await reverseEntry(tx, fixture.ownerActor, { entryId: fixture.awardEntryId, reason: "Oops" });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await db.auditLog.count({ where: { businessId: fixture.business.id, action: "points.reversed" } })).toBe(0);
  });
});
