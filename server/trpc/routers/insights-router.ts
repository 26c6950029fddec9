import { getAnalytics } from "../../analytics/get-analytics";
import { analyticsInput } from "../../analytics/analytics-range";
import { listAudit, listAuditInput } from "../../audit/list-audit";
import { db } from "../../db/client";
import { router } from "../init";
import { staffProcedure } from "../procedures";
import { readsFor } from "../read-your-writes";

export const analyticsRouter = router({
  summary: staffProcedure.input(analyticsInput).query(({ ctx, input }) => getAnalytics(readsFor(ctx), ctx.actor, input, db)),
});

export const auditRouter = router({
  list: staffProcedure.input(listAuditInput).query(({ ctx, input }) => listAudit(readsFor(ctx), ctx.actor, input)),
});
