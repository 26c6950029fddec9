import { issuePasswordReset, issuePasswordResetInput, mailPasswordReset } from "../../accounts/issue-password-reset";
import { mailConfigured } from "../../mail/send-mail";
import { db } from "../../db/client";
import { changeMemberRole, changeRoleInput, removeMember, removeMemberInput } from "../../team/change-member";
import { inviteMember, inviteMemberInput, mailInvitation } from "../../team/invite-member";
import { invitationIdInput, listInvitations, renewInvitationLink, revokeInvitation } from "../../team/manage-invitations";
import { listTeam } from "../../team/list-team";
import { router } from "../init";
import { ownerProcedure } from "../procedures";

// Role changes and removals run in a transaction: the last-owner check locks the memberships.
// Links are mailed after the transaction commits (and only when SMTP is set up). A mailed
// invitation is not shown to the owner: only the mailbox's owner can then open it, see whether
// the email already has an account, and choose the password of a new one. Without mail the
// owner is the courier and gets the link. Either way the answer never depends on the invitee's
// account.
export const teamRouter = router({
  list: ownerProcedure.query(({ ctx }) => listTeam(db, ctx.actor)),
  invite: ownerProcedure.input(inviteMemberInput).mutation(async ({ ctx, input }) => {
    const link = await db.$transaction((tx) => inviteMember(tx, ctx.actor, input));
    return forOwner(link, mailConfigured() && (await mailInvitation(link, ctx.membership.business.name)));
  }),
  invitations: ownerProcedure.query(({ ctx }) => listInvitations(db, ctx.actor)),
  revokeInvitation: ownerProcedure.input(invitationIdInput).mutation(({ ctx, input }) => db.$transaction((tx) => revokeInvitation(tx, ctx.actor, input))),
  renewInvitation: ownerProcedure.input(invitationIdInput).mutation(async ({ ctx, input }) => {
    const link = await db.$transaction((tx) => renewInvitationLink(tx, ctx.actor, input));
    return forOwner(link, mailConfigured() && (await mailInvitation(link, ctx.membership.business.name)));
  }),
  resetPassword: ownerProcedure.input(issuePasswordResetInput).mutation(async ({ ctx, input }) => {
    const link = await db.$transaction((tx) => issuePasswordReset(tx, ctx.actor, input));
    return { ...link, emailed: mailConfigured() && (await mailPasswordReset(link, ctx.membership.business.name)) };
  }),
  changeRole: ownerProcedure
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => db.$transaction((tx) => changeMemberRole(tx, ctx.actor, input))),
  remove: ownerProcedure.input(removeMemberInput).mutation(({ ctx, input }) => db.$transaction((tx) => removeMember(tx, ctx.actor, input))),
});

function forOwner<L extends { path: string }>(link: L, emailed: boolean): Omit<L, "path"> & { path: string | null; emailed: boolean } {
  return { ...link, path: emailed ? null : link.path, emailed };
}
