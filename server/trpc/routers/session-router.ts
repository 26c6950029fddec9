import { protectedProcedure } from "../procedures";
import { router } from "../init";

export const sessionRouter = router({
  // Who am I, where am I working, and what may I do there: drives the sidebar and switcher.
  me: protectedProcedure.query(({ ctx }) => ({
    user: ctx.user,
    role: ctx.role,
    business: ctx.membership.business,
    memberships: ctx.membership.memberships,
  })),
});
