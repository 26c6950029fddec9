import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { getRewardOperation, updateRewardOperation } from "@/server/rest/operations/rewards-operations";
import { getReward, updateReward } from "@/server/rewards/manage-rewards";

// GET /api/v1/rewards/{id}: one reward of this business (404 for anyone else's).
export const GET = apiRoute(getRewardOperation, async ({ actor, params }) => getReward(db, actor, params));

// PATCH /api/v1/rewards/{id}: any field; active: false retires it.
export const PATCH = apiRoute(updateRewardOperation, async ({ actor, params, body }) => updateReward(db, actor, { ...body, id: params.id }));
