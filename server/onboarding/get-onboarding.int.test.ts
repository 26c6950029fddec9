// The getting-started checklist against a real database: a new business starts with nothing
// ticked, each step ticks from the rows the real procedures write, dismissal is per business and
// owners only, and another business's activity ticks nothing here.
import { TRPCError } from "@trpc/server";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createBusiness } from "../businesses/create-business";
import { db } from "../db/client";
import { apiKeyActor } from "../actors/actor";
import { randomPassword } from "../accounts/one-time-token";
import { awardPoints } from "../ledger";
import { addMember, callerFor, makePortalBusiness, type TestUser } from "../trpc/portal-fixtures";

async function freshBusiness() {
  const tag = randomBytes(4).toString("hex");
  const { business, owner } = await createBusiness(db, { name: `Fresh ${tag}`, ownerEmail: `fresh-${tag}@test.dev`, ownerPassword: randomPassword(), ownerName: `Fresh ${tag}` });
  const user: TestUser = { id: owner.id, email: owner.email, name: `Fresh ${tag}` };
  return { business, owner: user, caller: callerFor(user) };
}

const ticks = async (caller: ReturnType<typeof callerFor>) =>
  Object.fromEntries((await caller.settings.onboarding({ origin: "https://shop.example" })).steps.map((s) => [s.id, s.done]));

let other: Awaited<ReturnType<typeof makePortalBusiness>>;
beforeAll(async () => {
  // A busy neighbour (staff, an award, then a key, a reward, an earn rule): none of it may leak.
  other = await makePortalBusiness("onb-other");
  const caller = callerFor(other.owner);
  await caller.apiKeys.create({ name: "till", scopes: ["points:write"] });
  await caller.rewards.create({ title: "Mug", pointsCost: 10 });
  const settings = await caller.settings.get();
  await caller.settings.update({ ...settings, earnRate: 3 });
});

describe("onboarding checklist", () => {
  it("starts empty for a new business and ticks each step from the data the portal writes", async () => {
    const { business, caller } = await freshBusiness();
    expect(await ticks(caller)).toEqual({ apiKey: false, firstAward: false, teammate: false, earnRule: false, reward: false });

    const { apiKey: key } = await caller.apiKeys.create({ name: "Front till", scopes: ["points:write"] });
    await awardPoints(db, apiKeyActor({ id: key.id, businessId: business.id }), { customerEmail: "first@test.dev", amount: 50 });
    await caller.team.invite({ email: `teammate-${business.id.slice(0, 8)}@test.dev` });
    const settings = await caller.settings.get();
    await caller.settings.update({ ...settings, earnMode: "UNIT" });
    expect(await ticks(caller)).toEqual({ apiKey: true, firstAward: true, teammate: true, earnRule: true, reward: false });

    await caller.rewards.create({ title: "Free coffee", pointsCost: 100 });
    const done = await caller.settings.onboarding({ origin: "https://shop.example" });
    expect(done.complete).toBe(true);
    // The curl line names the award endpoint on the business's address and the live key's prefix.
    expect(done.apiKey).toEqual({ prefix: key.prefix, last4: key.last4 });
    expect(done.awardCurl).toContain('"https://shop.example/api/v1/points/award"');
    expect(done.awardCurl).toContain(`Bearer ${key.prefix}<rest of your key ending ${key.last4}>`);
  });

  it("ticks the earn rule when it was set back to the default value, since that is in the audit log", async () => {
    const { caller } = await freshBusiness();
    const settings = await caller.settings.get();
    await caller.settings.update({ ...settings, earnRate: 2 });
    await caller.settings.update({ ...settings, earnRate: 1 });
    expect((await ticks(caller)).earnRule).toBe(true);
    // Saving other settings is not setting the earn rule.
    const second = await freshBusiness();
    await second.caller.settings.update({ ...(await second.caller.settings.get()), rewardThreshold: 250 });
    expect((await ticks(second.caller)).earnRule).toBe(false);
  });

  it("counts a teammate who joined without an invitation, but not a revoked invitation", async () => {
    const { business, caller } = await freshBusiness();
    const link = await caller.team.invite({ email: `revoked-${business.id.slice(0, 8)}@test.dev` });
    await caller.team.revokeInvitation({ id: link.invitationId });
    expect((await ticks(caller)).teammate).toBe(false);
    await addMember(business.id, { email: `joined-${business.id.slice(0, 8)}@test.dev`, name: "Joined" }, "STAFF");
    expect((await ticks(caller)).teammate).toBe(true);
  });

  it("is dismissed for the whole business, can be brought back, and is for owners only", async () => {
    const { business, caller } = await freshBusiness();
    expect((await caller.settings.onboarding({})).dismissed).toBe(false);
    await caller.settings.dismissOnboarding({ dismissed: true });
    expect((await db.business.findUniqueOrThrow({ where: { id: business.id } })).onboardingDismissedAt).toBeInstanceOf(Date);
    const secondOwner = await addMember(business.id, { email: `co-${business.id.slice(0, 8)}@test.dev`, name: "Co" }, "OWNER");
    expect((await callerFor(secondOwner).settings.onboarding({})).dismissed).toBe(true);
    await caller.settings.dismissOnboarding({ dismissed: false });
    expect((await db.business.findUniqueOrThrow({ where: { id: business.id } })).onboardingDismissedAt).toBeNull();

    const staff = await addMember(business.id, { email: `st-${business.id.slice(0, 8)}@test.dev`, name: "St" }, "STAFF");
    const asStaff = callerFor(staff).settings;
    for (const call of [() => asStaff.onboarding({}), () => asStaff.dismissOnboarding({ dismissed: true })]) {
      const error = await call().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("FORBIDDEN");
    }
    expect((await db.business.findUniqueOrThrow({ where: { id: business.id } })).onboardingDismissedAt).toBeNull();
  });
});
