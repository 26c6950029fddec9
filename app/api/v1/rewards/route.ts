import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { createRewardOperation, listRewardsOperation } from "@/server/rest/operations/rewards-operations";
import { createReward, listRewards } from "@/server/rewards/manage-rewards";

// GET /api/v1/rewards: the catalogue, cheapest first; ?customerId= for what they can redeem now.
export const GET = apiRoute(listRewardsOperation, async ({ actor, query }) => listRewards(db, actor, query));

// POST /api/v1/rewards: 201 with the new reward.
export const POST = apiRoute(createRewardOperation, async ({ actor, body }) => createReward(db, actor, body));
