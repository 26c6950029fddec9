import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { redemptionReply } from "@/server/rest/redemption-reply";
import { redeemRewardOperation } from "@/server/rest/operations/rewards-operations";
import { redeemReward } from "@/server/rewards/redeem-reward";

// POST /api/v1/rewards/{id}/redeem: 201 with the redemption and its coupon code.
export const POST = apiRoute(redeemRewardOperation, async ({ actor, params, body }) => {
  const { staff: _staff, ...ref } = body;
  return redemptionReply(await redeemReward(db, actor, { ...ref, rewardId: params.id }));
});
