// The tier preview against real ledger writes: counts per proposed tier over the business's
// active, non-erased customers only, by the qualifying points the ledger tiers them by.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseTimeIn, untilDatabaseClockPasses } from "../../test/fixtures";
import { apiKeyActor } from "../actors/actor";
import { eraseCustomer } from "../customers/erase-customer";
import { db } from "../db/client";
import { awardPoints } from "../ledger";
import { callerFor, makePortalBusiness } from "../trpc/portal-fixtures";
import { previewTiers } from "./preview-tiers";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
const FUTURE = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
// Given out of order: the answer comes lowest first, like the saved table.
const PROPOSED = [
  { name: "Gold", minPoints: 500, multiplierPercent: 150 },
  { name: "Silver", minPoints: 100, multiplierPercent: 120 },
];

async function customerWith(f: Fixture, label: string, amount: number, extra: { availableAt?: Date } = {}) {
  const pos = apiKeyActor({ id: `key-${label}`, businessId: f.business.id });
  const { transaction } = await awardPoints(db, pos, { customerEmail: `${label}-${f.business.id}@test.dev`, amount, ...extra });
  return transaction.customerId;
}

beforeAll(async () => {
  a = await makePortalBusiness("pa"); // comes with one customer holding 300 points
  const b = await makePortalBusiness("pb");
  await customerWith(a, "c50", 50);
  await customerWith(a, "c100", 100);
  await customerWith(a, "c1000", 1000);
  // Pending points don't qualify yet: 5000 pending and nothing available is no tier.
  await customerWith(a, "pending", 5000, { availableAt: FUTURE });
  const blocked = await customerWith(a, "blocked", 1000);
  await db.customer.updateMany({ where: { businessId: a.business.id, id: blocked }, data: { status: "BLOCKED" } });
  // Pending points whose time has come count, released or not (as balance answers count them).
  const soon = await databaseTimeIn(2);
  await customerWith(a, "matured", 1000, { availableAt: soon });
  const erased = await customerWith(a, "erased", 1000);
  await eraseCustomer(db, a.ownerActor, { id: erased });
  await customerWith(b, "other", 1000);
  await untilDatabaseClockPasses(soon);
});

describe("previewTiers", () => {
  it("counts each proposed tier's customers of this business (blocked ones too, not the erased), lowest tier first", async () => {
    const preview = await previewTiers(db, a.ownerActor, { tierBasis: "LIFETIME", tiers: PROPOSED });
    expect(preview).toEqual({
      tiers: [
        { name: "Silver", minPoints: 100, customers: 2 }, // 100 and the fixture's 300
        { name: "Gold", minPoints: 500, customers: 3 }, // 1000, blocked 1000, matured 1000
      ],
      noTier: 2, // 50, and 5000 still pending
      total: 7,
    });
  });

  it("counts by the rolling basis too (every award here is recent), pending still excluded", async () => {
    const preview = await previewTiers(db, a.ownerActor, { tierBasis: "ROLLING_12_MONTHS", tiers: PROPOSED });
    expect(preview.tiers.map((t) => t.customers)).toEqual([2, 3]);
    expect(preview.noTier).toBe(2);
  });

  it("puts everyone in a tier that starts at 0, and everyone in no tier without tiers", async () => {
    const zero = await previewTiers(db, a.ownerActor, { tierBasis: "LIFETIME", tiers: [{ name: "Member", minPoints: 0, multiplierPercent: 100 }, ...PROPOSED] });
    expect(zero.tiers.map((t) => [t.name, t.customers])).toEqual([["Member", 2], ["Silver", 2], ["Gold", 3]]);
    expect(zero.noTier).toBe(0);
    expect(await previewTiers(db, a.ownerActor, { tierBasis: "LIFETIME", tiers: [] })).toEqual({ tiers: [], noTier: 7, total: 7 });
  });

  it("changes nothing: the saved tiers and customers' tiers stay as they were", async () => {
    const saved = (await db.business.findUniqueOrThrow({ where: { id: a.business.id } })).tiers;
    const before = await db.customer.findMany({ where: { businessId: a.business.id }, select: { id: true, tier: true }, orderBy: { id: "asc" } });
    await previewTiers(db, a.ownerActor, { tierBasis: "LIFETIME", tiers: PROPOSED });
    expect(await db.customer.findMany({ where: { businessId: a.business.id }, select: { id: true, tier: true }, orderBy: { id: "asc" } })).toEqual(before);
    expect((await db.business.findUniqueOrThrow({ where: { id: a.business.id } })).tiers).toEqual(saved);
  });
});

describe("settings.tierPreview", () => {
  it("answers the owner, refuses staff, and refuses a table the API would refuse with its sentence", async () => {
    const preview = await callerFor(a.owner).settings.tierPreview({ tierBasis: "LIFETIME", tiers: PROPOSED });
    expect(preview.tiers.map((t) => t.customers)).toEqual([2, 3]);
    const staff = await callerFor(a.staff).settings.tierPreview({ tierBasis: "LIFETIME", tiers: PROPOSED }).catch((e: unknown) => e);
    expect((staff as TRPCError).code).toBe("FORBIDDEN");
    const twins = [PROPOSED[0]!, { ...PROPOSED[1]!, name: "gold" }];
    const bad = await callerFor(a.owner).settings.tierPreview({ tierBasis: "LIFETIME", tiers: twins }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect((bad as TRPCError).message).toContain('two tiers are named "gold"');
  });
});
