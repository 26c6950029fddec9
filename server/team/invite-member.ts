// Inviting someone always makes an invitation with a one-time link, whether or not the email
// already has an account: the answer to the owner is the same either way, so inviting doesn't
// tell anyone which emails have accounts. The membership is created only when the invited
// person accepts (server/team/accept-invitation.ts). A newer invitation for the same email
// replaces a pending one.
import { z } from "zod";
import { absoluteLink, LINK_LIFETIME_MS, newOneTimeToken } from "../accounts/one-time-token";
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { sendMail } from "../mail/send-mail";

export const inviteMemberInput = z.object({
  email: z.email("must be a valid email address").max(254).transform((e) => e.trim().toLowerCase()),
  role: z.enum(["OWNER", "STAFF"]).default("STAFF"),
});

export type InvitationLink = { invitationId: string; email: string; role: "OWNER" | "STAFF"; path: string; expiresAt: Date };

export async function inviteMember(db: DbOrTx, actor: Actor, input: z.input<typeof inviteMemberInput>): Promise<InvitationLink> {
  const data = inviteMemberInput.parse(input);
  // Members are on the owner's team page already, so refusing them reveals nothing new.
  const member = await db.membership.findFirst({ where: { businessId: actor.businessId, user: { email: data.email } } });
  if (member) throw new AppError("ALREADY_EXISTS", `${data.email} is already on this team.`);
  await db.invitation.updateMany({
    where: { businessId: actor.businessId, email: data.email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const { token, hash } = newOneTimeToken();
  const invitation = await db.invitation.create({
    data: { businessId: actor.businessId, email: data.email, role: data.role, tokenHash: hash, invitedById: actor.id, expiresAt: new Date(Date.now() + LINK_LIFETIME_MS) },
  });
  await recordAudit(db, actor, { action: "team.invitation_created", targetType: "invitation", targetId: invitation.id, details: { email: data.email, role: data.role } });
  return { invitationId: invitation.id, email: data.email, role: data.role, path: `/invite/${token}`, expiresAt: invitation.expiresAt };
}

export function mailInvitation(link: InvitationLink, businessName: string): Promise<boolean> {
  return sendMail({
    to: link.email,
    subject: `You're invited to ${businessName} on Loyalty Ledger`,
    text: `You have been invited to join ${businessName} on Loyalty Ledger as ${link.role === "OWNER" ? "an owner" : "staff"}:\n\n${absoluteLink(link.path)}\n\nThe link works once, until ${link.expiresAt.toUTCString()}.`,
  });
}
