// The invitation link's side. Someone with an account accepts while signed in as the invited
// email; someone new chooses a name and password and the account is created. Either way the
// membership joins the invitation's own business, whatever else the request says.
import { z } from "zod";
import { hashOneTimeToken } from "../accounts/one-time-token";
import { portalActor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import { newPasswordSchema } from "../auth/password-policy";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";

export const newAccountInput = z.object({ name: z.string().trim().min(1, "enter your name").max(120), password: newPasswordSchema });

const UNUSABLE = "This invitation has expired, was withdrawn or was already used. Ask the owner for a new link.";

export type InvitationView = { email: string; role: "OWNER" | "STAFF"; businessName: string; accountExists: boolean };

// What the link's page shows; null for any link that can't be accepted.
export async function describeInvitation(db: DbOrTx, token: string): Promise<InvitationView | null> {
  const row = await db.invitation.findUnique({ where: { tokenHash: hashOneTimeToken(token) }, include: { business: { select: { name: true } } } });
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= new Date()) return null;
  if (!(await inviterStillOwns(db, row))) return null;
  const accountExists = (await db.user.count({ where: { email: row.email } })) > 0;
  return { email: row.email, role: row.role, businessName: row.business.name, accountExists };
}

// `as`: the signed-in user accepting, or the new account's details. Run inside a transaction.
export async function acceptInvitation(db: DbOrTx, token: string, as: { userId: string } | z.input<typeof newAccountInput>) {
  const tokenHash = hashOneTimeToken(token.slice(0, 200));
  // Claim it first: of two accepts at once, only one updates the row.
  const claimed = await db.invitation.updateMany({
    where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date() },
  });
  if (claimed.count !== 1) throw new AppError("NOT_FOUND", UNUSABLE);
  const invitation = await db.invitation.findUniqueOrThrow({ where: { tokenHash } });
  if (!(await inviterStillOwns(db, invitation))) throw new AppError("NOT_FOUND", UNUSABLE);
  const user = "userId" in as ? await signedInInvitee(db, as.userId, invitation.email) : await newInvitee(db, invitation.email, as);
  const existing = await db.membership.findUnique({ where: { businessId_userId: { businessId: invitation.businessId, userId: user.id } } });
  if (!existing) await db.membership.create({ data: { businessId: invitation.businessId, userId: user.id, role: invitation.role } });
  await recordAudit(db, portalActor(user, invitation.businessId), {
    action: "team.invitation_accepted",
    targetType: "invitation",
    targetId: invitation.id,
    details: { email: invitation.email, role: invitation.role, newAccount: !("userId" in as) },
  });
  return { businessId: invitation.businessId, userId: user.id, email: user.email };
}

// An invitation speaks for the owner who made it: one who has since been removed or demoted
// can't use a link they kept to bring themselves (or anyone) back in.
async function inviterStillOwns(db: DbOrTx, invitation: { businessId: string; invitedById: string | null }): Promise<boolean> {
  if (!invitation.invitedById) return false;
  return (await db.membership.count({ where: { businessId: invitation.businessId, userId: invitation.invitedById, role: "OWNER" } })) > 0;
}

async function signedInInvitee(db: DbOrTx, userId: string, email: string) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.email !== email) throw new AppError("FORBIDDEN", `This invitation is for ${email}: sign in as that account to accept it.`);
  return user;
}

async function newInvitee(db: DbOrTx, email: string, input: z.input<typeof newAccountInput>) {
  const data = await newAccountInput.parseAsync(input);
  if (await db.user.findUnique({ where: { email } })) throw new AppError("CONFLICT", `${email} already has an account: sign in to accept the invitation.`);
  return db.user.create({ data: { email, name: data.name, passwordHash: await hashPassword(data.password) } });
}
