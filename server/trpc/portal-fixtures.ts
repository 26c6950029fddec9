// Fixtures for tRPC integration tests: businesses with an owner and a staff member made
// through the same server functions the product uses, and a caller with a faked session
// (next-auth is not involved: procedures re-check membership from the database either way).
import { randomBytes } from "node:crypto";
import { createBusiness } from "../businesses/create-business";
import { db } from "../db/client";
import { awardPoints } from "../ledger";
import { apiKeyActor, portalActor } from "../actors/actor";
import { randomPassword } from "../accounts/one-time-token";
import { hashPassword } from "../auth/password";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { createCallerFactory } from "./init";
import { appRouter } from "./routers/app-router";

const createCaller = createCallerFactory(appRouter);

export type TestUser = { id: string; email: string; name: string | null; mustChangePassword?: boolean };

export function callerFor(user: TestUser | null, preferredBusinessId: string | null = null) {
  return createCaller({ user, preferredBusinessId });
}

export async function makePortalBusiness(label: string) {
  const tag = `${label}-${randomBytes(4).toString("hex")}`;
  const { business, owner } = await createBusiness(db, { name: `Biz ${tag}`, ownerEmail: `owner-${tag}@test.dev`, ownerPassword: randomPassword(), ownerName: `Owner ${tag}` });
  const ownerUser: TestUser = { id: owner.id, email: owner.email, name: `Owner ${tag}` };
  const ownerActor = portalActor(ownerUser, business.id);
  const staffUser = await addMember(business.id, { email: `staff-${tag}@test.dev`, name: `Staff ${tag}` }, "STAFF");
  const pos = apiKeyActor({ id: `key-${tag}`, businessId: business.id });
  const award = await awardPoints(db, pos, { customerEmail: `cust-${tag}@test.dev`, customerName: "Pat Customer", amount: 300 });
  return { business, owner: ownerUser, staff: staffUser, ownerActor, pos, customerId: award.transaction.customerId, awardEntryId: award.transaction.id };
}

// A person already on the team (what accepting an invitation leaves behind), without the
// invitation round trip. The password is random: tests sign in through faked sessions.
export async function addMember(businessId: string, person: { email: string; name: string }, role: "OWNER" | "STAFF"): Promise<TestUser> {
  const user = await db.user.create({ data: { email: person.email, name: person.name, passwordHash: await hashPassword(randomPassword()) } });
  await db.membership.create({ data: { businessId, userId: user.id, role } });
  return { id: user.id, email: user.email, name: user.name };
}

// The TRPCError a procedure call is refused with (fails the test if it succeeds or throws
// anything else), for assertions on its code and message.
export async function trpcFailure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
