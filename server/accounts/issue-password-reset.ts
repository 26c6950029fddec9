// An owner gets a one-time link with which a staff member of their business chooses a new
// password. The link is shown once (and emailed when mail is set up); a newer link replaces
// any older unused one. Run inside a transaction: the access check locks the memberships.
import { z } from "zod";
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { sendMail } from "../mail/send-mail";
import { absoluteLink, LINK_LIFETIME_MS, newOneTimeToken } from "./one-time-token";
import { assertMayResetPassword } from "./reset-access";

export const issuePasswordResetInput = z.object({ userId: z.uuid() });

export type PasswordResetLink = { userId: string; email: string; path: string; expiresAt: Date };

export async function issuePasswordReset(db: DbOrTx, actor: Actor, input: z.input<typeof issuePasswordResetInput>): Promise<PasswordResetLink> {
  const { userId } = issuePasswordResetInput.parse(input);
  if (actor.type !== "USER" || !actor.id) throw new AppError("FORBIDDEN", "Only a signed-in owner can reset a password.");
  const member = await db.membership.findUnique({ where: { businessId_userId: { businessId: actor.businessId, userId } }, include: { user: true } });
  if (!member) throw new AppError("NOT_FOUND", "No such team member in this business.");
  await assertMayResetPassword(db, actor.id, userId);
  const { token, hash } = newOneTimeToken();
  const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS);
  await db.passwordResetToken.deleteMany({ where: { userId, usedAt: null } });
  await db.passwordResetToken.create({ data: { userId, tokenHash: hash, createdById: actor.id, expiresAt } });
  await recordAudit(db, actor, { action: "team.password_reset_issued", targetType: "user", targetId: userId, details: { email: member.user.email, expiresAt: expiresAt.toISOString() } });
  return { userId, email: member.user.email, path: `/reset-password/${token}`, expiresAt };
}

export function mailPasswordReset(link: PasswordResetLink, businessName: string): Promise<boolean> {
  return sendMail({
    to: link.email,
    subject: `Choose a new password for ${businessName}`,
    text: `An owner of ${businessName} on Loyalty Ledger made you a link to choose a new password:\n\n${absoluteLink(link.path)}\n\nIt works once, until ${link.expiresAt.toUTCString()}.`,
  });
}
