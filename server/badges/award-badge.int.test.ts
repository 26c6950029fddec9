// badge.awarded: written with the award, once per award. A repeat (retry, or a concurrent award
// of the same badge) changes nothing and announces nothing.
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { awardPoints } from "../ledger";
import { outboxEvents } from "../outbox/outbox-events";
import { awardBadge } from "./award-badge";

describe("awarding a badge", () => {
  it("writes one badge.awarded per award, with the customer, the badge and when", async () => {
    const { actor } = await makeBusiness();
    const { transaction } = await awardPoints(db, actor, { customerEmail: "bea@test.dev", customerName: "Bea", amount: 10 });
    const customerId = transaction.customerId;

    const first = await awardBadge(db, actor, { customerId, badgeSlug: "first-visit" });
    const again = await awardBadge(db, actor, { customerEmail: "bea@test.dev", badgeSlug: "first-visit" });
    await Promise.all([1, 2, 3].map(() => awardBadge(db, actor, { customerId, badgeSlug: "vip", badgeName: "VIP" })));
    expect([first.alreadyAwarded, again.alreadyAwarded]).toEqual([false, true]);

    const events = await db.outboxEvent.findMany({ where: { businessId: actor.businessId, type: "badge.awarded" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(2);
    expect(await db.customerBadge.count({ where: { businessId: actor.businessId } })).toBe(2);
    for (const event of events) expect(outboxEvents["badge.awarded"].safeParse(event.payload).error?.issues ?? []).toEqual([]);
    const badge = await db.badge.findFirstOrThrow({ where: { businessId: actor.businessId, slug: "first-visit" } });
    expect(events[0]!.payload).toMatchObject({
      customer: { id: customerId, email: "bea@test.dev", balance: 10 },
      badge: { id: badge.id, slug: "first-visit", name: "First visit", description: null },
      awardedAt: first.awardedAt.toISOString(),
    });
    expect(events[1]!.payload).toMatchObject({ badge: { slug: "vip", name: "VIP" } });
  });
});
