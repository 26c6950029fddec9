import { db } from "@/server/db/client";
import { redeemPoints } from "@/server/ledger";
import { apiRoute } from "@/server/rest/api-route";
import { ledgerReply } from "@/server/rest/ledger-reply";
import { redeemOperation } from "@/server/rest/operations/points-operations";

// POST /api/v1/points/redeem: spend points; 422 INSUFFICIENT_POINTS when short.
export const POST = apiRoute(redeemOperation, async ({ actor, body }) =>
  ledgerReply(await redeemPoints(db, actor, body)),
);
