import { db } from "@/server/db/client";
import { reply } from "@/server/rest/api-route";
import { redeemWidgetReward } from "@/server/widget/redeem-widget-reward";
import { widgetPreflight } from "@/server/widget/widget-cors";
import { widgetRoute } from "@/server/widget/widget-route";
import { redeemKeyOf, rewardIdParams, widgetRedeemBody } from "@/server/widget/widget-schemas";

const route = "/api/widget/v1/{publicId}/rewards/{rewardId}/redeem";

// POST with Idempotency-Key: 201 with the redemption (its coupon code) and the balance after;
// the same key again answers the same redemption with Idempotent-Replayed: true.
export const POST = widgetRoute({ route, customer: true, params: rewardIdParams, body: widgetRedeemBody, status: 201 }, async ({ actor, customer, params, body, request }) => {
  const { replay, ...outcome } = await redeemWidgetReward(db, actor, customer!, { rewardId: params.rewardId, idempotencyKey: redeemKeyOf(request, body) });
  return reply(outcome, { headers: replay ? { "Idempotent-Replayed": "true" } : {} });
});
export const OPTIONS = widgetPreflight(route);
