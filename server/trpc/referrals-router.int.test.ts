// The portal's referrals list against a real database: owners and staff see their business's
// referrals with the people's names, never another business's; someone signed out sees nothing.
// The customer procedures answer each customer's referral code.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createReferral } from "../referrals/create-referral";
import { callerFor, makePortalBusiness } from "./portal-fixtures";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  a = await makePortalBusiness("ra");
  b = await makePortalBusiness("rb");
  await createReferral(db, a.pos, { referrer: a.customerId, refereeEmail: "new-a@test.dev" });
  await createReferral(db, b.pos, { referrer: b.customerId, refereePhone: "+15550109999" });
});

describe("referrals router", () => {
  it("lists the business's referrals with the referrer's name, to owners and staff alike", async () => {
    for (const user of [a.owner, a.staff]) {
      const page = await callerFor(user).referrals.list({});
      expect(page.pagination.total).toBe(1);
      expect(page.items[0]).toMatchObject({ status: "PENDING", referrerId: a.customerId, referrerCustomer: { name: "Pat Customer" }, refereeCustomer: null, referee: { email: "new-a@test.dev" } });
    }
    expect((await callerFor(a.owner).referrals.list({ status: "COMPLETED" })).items).toEqual([]);
  });

  it("never shows another business's referrals, and refuses someone signed out", async () => {
    const seen = await callerFor(b.staff).referrals.list({});
    expect(seen.items.map((r) => r.referee.phone)).toEqual(["+15550109999"]);
    const error = await callerFor(null).referrals.list({}).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("UNAUTHORIZED");
  });

  it("shows the customer's referral code on the customer", async () => {
    const customer = await callerFor(a.staff).customers.get({ id: a.customerId });
    const row = await db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: a.business.id, id: a.customerId } } });
    expect(customer.referralCode).toBe(row.referralCode);
    expect(customer.referralCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  });
});
