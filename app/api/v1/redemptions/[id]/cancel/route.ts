import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { redemptionReply } from "@/server/rest/redemption-reply";
import { cancelRedemptionOperation } from "@/server/rest/operations/rewards-operations";
import { cancelRedemption } from "@/server/rewards/cancel-redemption";

// POST /api/v1/redemptions/{id}/cancel: refunds once; again answers the cancelled redemption.
export const POST = apiRoute(cancelRedemptionOperation, async ({ actor, params, body }) =>
  redemptionReply(await cancelRedemption(db, actor, { id: params.id, reason: body.reason })),
);
