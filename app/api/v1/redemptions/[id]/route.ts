import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { getRedemptionOperation } from "@/server/rest/operations/rewards-operations";
import { getRedemption } from "@/server/rewards/list-redemptions";

// GET /api/v1/redemptions/{id}: one redemption of this business.
export const GET = apiRoute(getRedemptionOperation, async ({ actor, params }) => getRedemption(db, actor, params));
