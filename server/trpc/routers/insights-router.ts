import { getAnalytics } from "../../analytics/get-analytics";
import { analyticsInput } from "../../analytics/analytics-range";
import { listAudit, listAuditInput } from "../../audit/list-audit";
import { db } from "../../db/client";
import { router } from "../init";
import { staffProcedure } from "../procedures";

export const analyticsRouter = router({
  summary: staffProcedure.input(analyticsInput).query(({ ctx, input }) => getAnalytics(db, ctx.actor, input)),
});

export const auditRouter = router({
  list: staffProcedure.input(listAuditInput).query(({ ctx, input }) => listAudit(db, ctx.actor, input)),
});
