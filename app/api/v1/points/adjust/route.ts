import { db } from "@/server/db/client";
import { adjustPoints } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { adjustOperation } from "@/server/rest/operations/points-operations";

// POST /api/v1/points/adjust: signed correction with a reason.
export const POST = apiRoute(adjustOperation, async ({ actor, body }) =>
  ledgerReply(await adjustPoints(db, actor, body)),
);
