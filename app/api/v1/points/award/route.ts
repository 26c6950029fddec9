import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { awardOperation } from "@/server/rest/operations/points-operations";

// POST /api/v1/points/award: credit points, enrolling the customer if needed; 201, or the
// original result on an idempotent replay.
export const POST = apiRoute(awardOperation, async ({ actor, body }) =>
  ledgerReply(await awardPoints(db, actor, body)),
);
