// Fixtures for tRPC integration tests: businesses with an owner and a staff member made
// through the same server functions the product uses, and a caller with a faked session
// (next-auth is not involved: procedures re-check membership from the database either way).
import { randomBytes } from "node:crypto";
import { createBusiness } from "../businesses/create-business";
import { db } from "../db/client";
import { awardPoints } from "../ledger";
import { apiKeyActor, portalActor } from "../actors/actor";
import { inviteMember } from "../team/invite-member";
import { createCallerFactory } from "./init";
import { appRouter } from "./routers/app-router";

const createCaller = createCallerFactory(appRouter);

export type TestUser = { id: string; email: string; name: string | null };

export function callerFor(user: TestUser | null, preferredBusinessId: string | null = null) {
  return createCaller({ user, preferredBusinessId });
}

export async function makePortalBusiness(label: string) {
  const tag = `${label}-${randomBytes(4).toString("hex")}`;
  const { business, owner } = await createBusiness(db, { name: `Biz ${tag}`, ownerEmail: `owner-${tag}@test.dev`, ownerPassword: "owner-password", ownerName: `Owner ${tag}` });
  const ownerUser: TestUser = { id: owner.id, email: owner.email, name: `Owner ${tag}` };
  const ownerActor = portalActor(ownerUser, business.id);
  const invited = await inviteMember(db, ownerActor, { email: `staff-${tag}@test.dev`, temporaryPassword: "staff-password", name: `Staff ${tag}` });
  const staffUser: TestUser = { id: invited.userId, email: invited.email, name: `Staff ${tag}` };
  const pos = apiKeyActor({ id: `key-${tag}`, businessId: business.id });
  const award = await awardPoints(db, pos, { customerEmail: `cust-${tag}@test.dev`, customerName: "Pat Customer", amount: 300 });
  return { business, owner: ownerUser, staff: staffUser, ownerActor, pos, customerId: award.transaction.customerId, awardEntryId: award.transaction.id };
}
