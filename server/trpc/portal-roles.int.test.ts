// Access rules of the portal's tRPC API against a real database: who may call what, and that
// another business's ids are invisible (NOT_FOUND), never merely forbidden.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../api-keys/create-api-key";
import { db } from "../db/client";
import { callerFor, makePortalBusiness } from "./portal-fixtures";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;
let otherKeyId: string;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

beforeAll(async () => {
  a = await makePortalBusiness("a");
  b = await makePortalBusiness("b");
  otherKeyId = (await createApiKey(db, b.ownerActor, { name: "B till" })).apiKey.id;
});

describe("roles", () => {
  it("refuses every procedure without a session", async () => {
    expect(await codeOf(callerFor(null).session.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(null).customers.list({}))).toBe("UNAUTHORIZED");
  });

  it("gives staff FORBIDDEN on owner procedures", async () => {
    const staff = callerFor(a.staff);
    expect(await codeOf(staff.apiKeys.list())).toBe("FORBIDDEN");
    expect(await codeOf(staff.apiKeys.create({ name: "sneaky" }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.team.invite({ email: "x@test.dev" }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.team.changeRole({ userId: a.staff.id, role: "OWNER" }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.customers.erase({ id: a.customerId }))).toBe("FORBIDDEN");
    const settings = await staff.settings.get();
    expect(await codeOf(staff.settings.update({ ...settings, name: "Hijacked" }))).toBe("FORBIDDEN");
    // Nothing was changed by the refused calls.
    expect(await db.apiKey.count({ where: { businessId: a.business.id } })).toBe(0);
    expect((await db.membership.findFirstOrThrow({ where: { userId: a.staff.id } })).role).toBe("STAFF");
  });

  it("lets staff do day-to-day work and attributes it to them", async () => {
    const result = await callerFor(a.staff).points.adjust({ customerId: a.customerId, points: -50, reason: "Spilled coffee refund" });
    expect(result.balance).toBe(250);
    expect(result.transaction.staffName).toBe(a.staff.name);
    expect((await db.customer.findFirstOrThrow({ where: { id: a.customerId } })).balance).toBe(250);
  });

  it("answers NOT_FOUND for another business's ids", async () => {
    const owner = callerFor(a.owner);
    expect(await codeOf(owner.customers.get({ id: b.customerId }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.points.adjust({ customerId: b.customerId, points: 10, reason: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.points.history({ customerId: b.customerId }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.points.reverse({ entryId: b.awardEntryId, reason: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.customers.setStatus({ id: b.customerId, status: "BLOCKED" }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.apiKeys.revoke({ id: otherKeyId }))).toBe("NOT_FOUND");
    expect(await codeOf(owner.team.remove({ userId: b.owner.id }))).toBe("NOT_FOUND");
    const untouched = await db.customer.findFirstOrThrow({ where: { id: b.customerId } });
    expect(untouched).toMatchObject({ balance: 300, status: "ACTIVE" });
  });

  it("ignores a business preference the user is not a member of", async () => {
    const me = await callerFor(a.staff, b.business.id).session.me();
    expect(me.business.id).toBe(a.business.id);
    expect(await codeOf(callerFor(a.staff, b.business.id).customers.get({ id: b.customerId }))).toBe("NOT_FOUND");
  });

  it("never removes or demotes the last owner", async () => {
    const owner = callerFor(a.owner);
    expect(await codeOf(owner.team.changeRole({ userId: a.owner.id, role: "STAFF" }))).toBe("CONFLICT");
    expect(await codeOf(owner.team.remove({ userId: a.owner.id }))).toBe("CONFLICT");
    await owner.team.changeRole({ userId: a.staff.id, role: "OWNER" });
    await owner.team.changeRole({ userId: a.owner.id, role: "STAFF" });
    // Demoted: the same session loses owner rights on its next call.
    expect(await codeOf(owner.apiKeys.list())).toBe("FORBIDDEN");
    const audit = await db.auditLog.findMany({ where: { businessId: a.business.id, action: "team.role_changed" } });
    expect(audit).toHaveLength(2);
  });
});
