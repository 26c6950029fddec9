// Invitations: the owner's answer never tells whether the email has an account; the
// membership appears only when the invited person accepts, in the invitation's own business.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { hashOneTimeToken, randomPassword } from "../accounts/one-time-token";
import { verifyPassword } from "../auth/password";
import { db } from "../db/client";
import { addMember, callerFor, makePortalBusiness } from "../trpc/portal-fixtures";
import { acceptInvitation, describeInvitation } from "./accept-invitation";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;
let n = 0;

beforeAll(async () => {
  a = await makePortalBusiness("inv-a");
  b = await makePortalBusiness("inv-b");
});

const tokenOf = (path: string | null) => String(path).replace("/invite/", "");
const email = (label: string) => `${label}-${++n}-${Date.now()}@test.dev`;
const accept = (token: string, as: Parameters<typeof acceptInvitation>[2]) => db.$transaction((tx) => acceptInvitation(tx, token, as));
const membership = (businessId: string, userId: string) => db.membership.findUnique({ where: { businessId_userId: { businessId, userId } } });

// The answer with what must differ between any two invitations blanked out.
function shape(answer: Record<string, unknown>) {
  return { ...answer, invitationId: typeof answer.invitationId, email: typeof answer.email, path: String(answer.path).replace(/[\w-]{43}$/, "<token>"), expiresAt: typeof answer.expiresAt };
}

describe("invitations", () => {
  it("answers the owner the same way whether or not the email has an account", async () => {
    const existing = b.staff.email; // has an account (in business B)
    const forExisting = await callerFor(a.owner).team.invite({ email: existing });
    const forNew = await callerFor(a.owner).team.invite({ email: email("new") });
    expect(Object.keys(forExisting).sort()).toEqual(Object.keys(forNew).sort());
    expect(shape(forExisting)).toEqual(shape(forNew));
    expect(forExisting).toMatchObject({ role: "STAFF", emailed: false, path: expect.stringMatching(/^\/invite\/[\w-]{43}$/) });
    // Nothing joined yet, and only the hash is stored.
    expect(await membership(a.business.id, b.staff.id)).toBeNull();
    const row = await db.invitation.findUniqueOrThrow({ where: { businessId_id: { businessId: a.business.id, id: forExisting.invitationId } } });
    expect(row.tokenHash).toBe(hashOneTimeToken(tokenOf(forExisting.path)));
    expect(await db.auditLog.count({ where: { businessId: a.business.id, action: "team.invitation_created" } })).toBe(2);
  });

  it("creates the account and the membership when a new person accepts", async () => {
    const invited = await callerFor(a.owner).team.invite({ email: email("nina"), role: "OWNER" });
    const view = await describeInvitation(db, tokenOf(invited.path));
    expect(view).toEqual({ email: invited.email, role: "OWNER", businessName: a.business.name, accountExists: false });
    await expect(accept(tokenOf(invited.path), { name: "Nina", password: "short" })).rejects.toThrow(/at least 10/);
    const password = randomPassword();
    const accepted = await accept(tokenOf(invited.path), { name: "Nina", password });
    expect(accepted.businessId).toBe(a.business.id);
    const user = await db.user.findUniqueOrThrow({ where: { email: invited.email } });
    expect(user).toMatchObject({ name: "Nina", mustChangePassword: false });
    expect(await verifyPassword(password, user.passwordHash)).toBe(true);
    expect(await membership(a.business.id, user.id)).toMatchObject({ role: "OWNER" });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { businessId: a.business.id, action: "team.invitation_accepted", actorId: user.id } })).toBe(1);
    // Used: a second accept is refused and the page shows nothing to accept.
    await expect(accept(tokenOf(invited.path), { name: "Again", password: randomPassword() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await describeInvitation(db, tokenOf(invited.path))).toBeNull();
  });

  it("joins an existing account only when it accepts, signed in as the invited email", async () => {
    const invited = await callerFor(a.owner).team.invite({ email: b.owner.email });
    expect((await describeInvitation(db, tokenOf(invited.path)))?.accountExists).toBe(true);
    // Someone else's session, or creating a second account for the email, is refused.
    await expect(accept(tokenOf(invited.path), { userId: b.staff.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(accept(tokenOf(invited.path), { name: "Impostor", password: randomPassword() })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await membership(a.business.id, b.owner.id)).toBeNull();
    expect(await membership(a.business.id, b.staff.id)).toBeNull();
    await accept(tokenOf(invited.path), { userId: b.owner.id });
    expect(await membership(a.business.id, b.owner.id)).toMatchObject({ role: "STAFF" });
    // B's role is untouched.
    expect(await membership(b.business.id, b.owner.id)).toMatchObject({ role: "OWNER" });
  });

  it("keeps a token to its own business", async () => {
    const invited = await callerFor(b.owner).team.invite({ email: email("only-b") });
    // A's owner can't see, revoke or renew B's invitation.
    expect((await callerFor(a.owner).team.invitations()).map((i) => i.id)).not.toContain(invited.invitationId);
    const revoke = await callerFor(a.owner).team.revokeInvitation({ id: invited.invitationId }).catch((e: unknown) => e);
    expect(revoke).toBeInstanceOf(TRPCError);
    expect(revoke).toMatchObject({ code: "NOT_FOUND" });
    expect(await callerFor(a.owner).team.renewInvitation({ id: invited.invitationId }).catch((e: unknown) => e)).toMatchObject({ code: "NOT_FOUND" });
    const accepted = await accept(tokenOf(invited.path), { name: "Bea", password: randomPassword() });
    expect(accepted.businessId).toBe(b.business.id);
    expect(await membership(a.business.id, accepted.userId)).toBeNull();
    expect(await membership(b.business.id, accepted.userId)).toMatchObject({ role: "STAFF" });
  });

  it("refuses expired, revoked and superseded links, and renews a link", async () => {
    const expired = await callerFor(a.owner).team.invite({ email: email("late") });
    await db.invitation.update({ where: { businessId_id: { businessId: a.business.id, id: expired.invitationId } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(accept(tokenOf(expired.path), { name: "Late", password: randomPassword() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await callerFor(a.owner).team.invitations()).find((i) => i.id === expired.invitationId)).toMatchObject({ expired: true });
    const renewed = await callerFor(a.owner).team.renewInvitation({ id: expired.invitationId });
    await expect(accept(tokenOf(expired.path), { name: "Late", password: randomPassword() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await accept(tokenOf(renewed.path), { name: "Late", password: randomPassword() })).businessId).toBe(a.business.id);

    const revoked = await callerFor(a.owner).team.invite({ email: email("revoked") });
    await callerFor(a.owner).team.revokeInvitation({ id: revoked.invitationId });
    await expect(accept(tokenOf(revoked.path), { name: "Rev", password: randomPassword() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.user.count({ where: { email: revoked.email } })).toBe(0);
    expect(await db.auditLog.count({ where: { businessId: a.business.id, action: "team.invitation_revoked", targetId: revoked.invitationId } })).toBe(1);

    const twice = email("twice");
    const first = await callerFor(a.owner).team.invite({ email: twice });
    await callerFor(a.owner).team.invite({ email: twice });
    await expect(accept(tokenOf(first.path), { name: "Old", password: randomPassword() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("dies with its inviter's ownership: a removed or demoted owner's kept link lets no one in", async () => {
    const second = await addMember(a.business.id, { email: email("second-owner"), name: "Second" }, "OWNER");
    const kept = await callerFor(second).team.invite({ email: email("comeback"), role: "OWNER" });
    const alsoKept = await callerFor(second).team.invite({ email: email("comeback-2") });
    await callerFor(a.owner).team.changeRole({ userId: second.id, role: "STAFF" });
    expect(await describeInvitation(db, tokenOf(kept.path))).toBeNull();
    await expect(accept(tokenOf(kept.path), { name: "Back", password: randomPassword() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await callerFor(a.owner).team.remove({ userId: second.id });
    await expect(accept(tokenOf(alsoKept.path), { name: "Back", password: randomPassword() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.user.count({ where: { email: { in: [kept.email, alsoKept.email] } } })).toBe(0);
  });

  it("refuses inviting a current member and is for owners only", async () => {
    const member = await addMember(a.business.id, { email: email("member"), name: "M" }, "STAFF");
    expect(await callerFor(a.owner).team.invite({ email: member.email }).catch((e: unknown) => e)).toMatchObject({ code: "CONFLICT" });
    expect(await callerFor(a.staff).team.invite({ email: email("x") }).catch((e: unknown) => e)).toMatchObject({ code: "FORBIDDEN" });
    expect(await callerFor(a.staff).team.invitations().catch((e: unknown) => e)).toMatchObject({ code: "FORBIDDEN" });
  });
});
