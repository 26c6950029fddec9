import { getAnalytics } from "../../analytics/get-analytics";
import { analyticsInput } from "../../analytics/analytics-range";
import { listAudit, listAuditInput } from "../../audit/list-audit";
import { db, readDb } from "../../db/client";
import { router } from "../init";
import { staffProcedure } from "../procedures";

export const analyticsRouter = router({
  summary: staffProcedure.input(analyticsInput).query(({ ctx, input }) => getAnalytics(readDb, ctx.actor, input, db)),
});

export const auditRouter = router({
  list: staffProcedure.input(listAuditInput).query(({ ctx, input }) => listAudit(readDb, ctx.actor, input)),
});
