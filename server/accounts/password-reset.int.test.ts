// Owner-issued password reset links: owner-only, one use, expiring, superseded by a newer one,
// audited, and never usable to take over an account that another business depends on.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../auth/password";
import { changePassword } from "./change-password";
import { db } from "../db/client";
import { addMember, callerFor, makePortalBusiness } from "../trpc/portal-fixtures";
import { hashOneTimeToken, randomPassword } from "./one-time-token";
import { findPasswordReset, resetPassword } from "./reset-password";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  a = await makePortalBusiness("reset-a");
  b = await makePortalBusiness("reset-b");
});

const tokenOf = (path: string) => path.replace("/reset-password/", "");
const user = (id: string) => db.user.findUniqueOrThrow({ where: { id } });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as TRPCError);

describe("password reset links", () => {
  it("lets an owner reset a staff member once: new password, sessions ended, audited", async () => {
    await db.user.update({ where: { id: a.staff.id }, data: { mustChangePassword: true } });
    const before = await user(a.staff.id);
    const link = await callerFor(a.owner).team.resetPassword({ userId: a.staff.id });
    expect(link).toMatchObject({ userId: a.staff.id, email: a.staff.email, emailed: false, path: expect.stringMatching(/^\/reset-password\/[\w-]{43}$/) });
    // Only the hash is stored.
    const row = await db.passwordResetToken.findFirstOrThrow({ where: { userId: a.staff.id } });
    expect(row.tokenHash).toBe(hashOneTimeToken(tokenOf(link.path)));
    expect(row.tokenHash).not.toContain(tokenOf(link.path));
    expect(await db.auditLog.findFirst({ where: { businessId: a.business.id, action: "team.password_reset_issued", targetId: a.staff.id } })).toMatchObject({ actorId: a.owner.id });

    const chosen = randomPassword();
    await db.$transaction((tx) => resetPassword(tx, { token: tokenOf(link.path), newPassword: chosen }));
    const after = await user(a.staff.id);
    expect(await verifyPassword(chosen, after.passwordHash)).toBe(true);
    expect(after).toMatchObject({ mustChangePassword: false, sessionVersion: before.sessionVersion + 1 });
    expect(await db.auditLog.count({ where: { businessId: a.business.id, action: "user.password_reset", targetId: a.staff.id } })).toBe(1);

    // Single use.
    await expect(db.$transaction((tx) => resetPassword(tx, { token: tokenOf(link.path), newPassword: randomPassword() }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await user(a.staff.id)).passwordHash).toBe(after.passwordHash);
  });

  it("refuses an expired link, a superseded link and a weak password", async () => {
    const first = await callerFor(a.owner).team.resetPassword({ userId: a.staff.id });
    const second = await callerFor(a.owner).team.resetPassword({ userId: a.staff.id });
    expect(await findPasswordReset(db, tokenOf(first.path))).toBeNull();
    await expect(db.$transaction((tx) => resetPassword(tx, { token: tokenOf(first.path), newPassword: randomPassword() }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(db.$transaction((tx) => resetPassword(tx, { token: tokenOf(second.path), newPassword: "short" }))).rejects.toThrow(/at least 10/);
    await db.passwordResetToken.updateMany({ where: { tokenHash: hashOneTimeToken(tokenOf(second.path)) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const before = await user(a.staff.id);
    await expect(db.$transaction((tx) => resetPassword(tx, { token: tokenOf(second.path), newPassword: randomPassword() }))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/expired or was already used/),
    });
    expect(await user(a.staff.id)).toEqual(before);
  });

  it("is for owners only, and never for another owner", async () => {
    expect(await refusal(callerFor(a.staff).team.resetPassword({ userId: a.staff.id }))).toMatchObject({ code: "FORBIDDEN" });
    const coOwner = await addMember(a.business.id, { email: `co-owner-${Date.now()}@test.dev`, name: "Co Owner" }, "OWNER");
    const error = await refusal(callerFor(a.owner).team.resetPassword({ userId: coOwner.id }));
    expect(error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/owner's password can't be reset/) });
    expect(await db.passwordResetToken.count({ where: { userId: coOwner.id } })).toBe(0);
    // Another business's member is simply not on this team.
    expect(await refusal(callerFor(a.owner).team.resetPassword({ userId: b.staff.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a person who also belongs to a business the owner doesn't own", async () => {
    const shared = await addMember(a.business.id, { email: `shared-${Date.now()}@test.dev`, name: "Shared" }, "STAFF");
    await db.membership.create({ data: { businessId: b.business.id, userId: shared.id, role: "STAFF" } });
    const error = await refusal(callerFor(a.owner).team.resetPassword({ userId: shared.id }));
    expect(error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/also belongs to a business you don't own/) });
    expect(await db.passwordResetToken.count({ where: { userId: shared.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "team.password_reset_issued", targetId: shared.id } })).toBe(0);
  });

  it("refuses at use time a link whose target became an owner elsewhere since", async () => {
    const later = await addMember(a.business.id, { email: `later-${Date.now()}@test.dev`, name: "Later" }, "STAFF");
    const link = await callerFor(a.owner).team.resetPassword({ userId: later.id });
    await db.membership.create({ data: { businessId: b.business.id, userId: later.id, role: "OWNER" } });
    const before = await user(later.id);
    await expect(db.$transaction((tx) => resetPassword(tx, { token: tokenOf(link.path), newPassword: randomPassword() }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await user(later.id)).toEqual(before);
    // The refusal rolled back the claim: nothing was spent or changed.
    expect(await findPasswordReset(db, tokenOf(link.path))).not.toBeNull();
  });

  it("refuses at use time a link whose target has left the owner's team since, and one made before their own password change", async () => {
    const leaver = await addMember(a.business.id, { email: `leaver-${Date.now()}@test.dev`, name: "Leaver" }, "STAFF");
    const link = await callerFor(a.owner).team.resetPassword({ userId: leaver.id });
    await callerFor(a.owner).team.remove({ userId: leaver.id });
    const before = await user(leaver.id);
    await expect(db.$transaction((tx) => resetPassword(tx, { token: tokenOf(link.path), newPassword: randomPassword() }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await user(leaver.id)).toEqual(before);

    const stayer = await addMember(a.business.id, { email: `stayer-${Date.now()}@test.dev`, name: "Stayer" }, "STAFF");
    const current = randomPassword();
    await db.user.update({ where: { id: stayer.id }, data: { passwordHash: await hashPassword(current) } });
    const stale = await callerFor(a.owner).team.resetPassword({ userId: stayer.id });
    await changePassword(db, stayer.id, { currentPassword: current, newPassword: randomPassword() });
    expect(await findPasswordReset(db, tokenOf(stale.path))).toBeNull();
  });
});
