import { db } from "../../db/client";
import { changeMemberRole, changeRoleInput, removeMember, removeMemberInput } from "../../team/change-member";
import { inviteMember, inviteMemberInput } from "../../team/invite-member";
import { listTeam } from "../../team/list-team";
import { router } from "../init";
import { ownerProcedure } from "../procedures";

// Role changes and removals run in a transaction: the last-owner check locks the memberships.
export const teamRouter = router({
  list: ownerProcedure.query(({ ctx }) => listTeam(db, ctx.actor)),
  invite: ownerProcedure.input(inviteMemberInput).mutation(({ ctx, input }) => db.$transaction((tx) => inviteMember(tx, ctx.actor, input))),
  changeRole: ownerProcedure
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => db.$transaction((tx) => changeMemberRole(tx, ctx.actor, input))),
  remove: ownerProcedure.input(removeMemberInput).mutation(({ ctx, input }) => db.$transaction((tx) => removeMember(tx, ctx.actor, input))),
});
