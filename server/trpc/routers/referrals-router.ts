import { db } from "../../db/client";
import { referralsPage } from "../../referrals/list-referrals";
import { listReferralsInput } from "../../referrals/referral-schemas";
import { router } from "../init";
import { staffProcedure } from "../procedures";

// Owners and staff see referrals, as they see the customers they are about; the program's
// referral points are owners' (the settings page). Scoped to the actor's business.
export const referralsRouter = router({
  list: staffProcedure.input(listReferralsInput).query(({ ctx, input }) => referralsPage(db, ctx.actor, input)),
});
