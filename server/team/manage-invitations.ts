// Pending invitations on the Team page: list, revoke, and a fresh link (the old one stops
// working, since only the newest token's hash is kept). Always scoped to the actor's business.
import { z } from "zod";
import { LINK_LIFETIME_MS, newOneTimeToken } from "../accounts/one-time-token";
import type { Actor } from "../actors/actor";
import { recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { InvitationLink } from "./invite-member";

export const invitationIdInput = z.object({ id: z.uuid() });

export async function listInvitations(db: DbOrTx, actor: Actor) {
  const rows = await db.invitation.findMany({
    where: { businessId: actor.businessId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  const now = new Date();
  return rows.map((i) => ({ id: i.id, email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt, expired: i.expiresAt <= now }));
}

async function pending(db: DbOrTx, actor: Actor, id: string) {
  const invitation = await db.invitation.findUnique({ where: { businessId_id: { businessId: actor.businessId, id } } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt) throw new AppError("NOT_FOUND", "No such pending invitation in this business.");
  return invitation;
}

export async function revokeInvitation(db: DbOrTx, actor: Actor, input: z.input<typeof invitationIdInput>) {
  const invitation = await pending(db, actor, invitationIdInput.parse(input).id);
  await db.invitation.update({ where: { businessId_id: { businessId: actor.businessId, id: invitation.id } }, data: { revokedAt: new Date() } });
  await recordAudit(db, actor, { action: "team.invitation_revoked", targetType: "invitation", targetId: invitation.id, details: { email: invitation.email } });
  return { id: invitation.id };
}

export async function renewInvitationLink(db: DbOrTx, actor: Actor, input: z.input<typeof invitationIdInput>): Promise<InvitationLink> {
  const invitation = await pending(db, actor, invitationIdInput.parse(input).id);
  const { token, hash } = newOneTimeToken();
  const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS);
  await db.invitation.update({ where: { businessId_id: { businessId: actor.businessId, id: invitation.id } }, data: { tokenHash: hash, expiresAt } });
  await recordAudit(db, actor, { action: "team.invitation_renewed", targetType: "invitation", targetId: invitation.id, details: { email: invitation.email } });
  return { invitationId: invitation.id, email: invitation.email, role: invitation.role, path: `/invite/${token}`, expiresAt };
}
