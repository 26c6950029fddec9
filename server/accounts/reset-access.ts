// Who may reset whose password. People can belong to several businesses, so an owner of one
// business must not take over an account that matters elsewhere: the target may only belong to
// businesses where the person resetting is an owner, and may be an owner nowhere. Checked when
// the link is made and again when it is used (roles can change in between).
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";

export async function assertMayResetPassword(db: DbOrTx, resetterId: string, targetUserId: string) {
  if (resetterId === targetUserId) throw new AppError("FORBIDDEN", "Change your own password from your account page.");
  // Locked, so a promotion racing with the reset waits for it (or the reset waits for it).
  await db.$queryRaw`SELECT id FROM memberships WHERE user_id = ${targetUserId}::uuid FOR UPDATE`;
  const targetMemberships = await db.membership.findMany({ where: { userId: targetUserId } });
  if (targetMemberships.some((m) => m.role === "OWNER")) {
    throw new AppError("FORBIDDEN", "An owner's password can't be reset by someone else: they can change it from their account page.");
  }
  const resetterOwns = new Set(
    (await db.membership.findMany({ where: { userId: resetterId, role: "OWNER" }, select: { businessId: true } })).map((m) => m.businessId),
  );
  if (targetMemberships.some((m) => !resetterOwns.has(m.businessId))) {
    throw new AppError("FORBIDDEN", "This person also belongs to a business you don't own, so only they can change their password.");
  }
  // Someone who has left every team the resetter owns is no longer theirs to reset (a link made
  // before a removal dies with it).
  if (!targetMemberships.some((m) => resetterOwns.has(m.businessId))) {
    throw new AppError("FORBIDDEN", "This person is no longer on a team you own.");
  }
  return targetMemberships;
}
