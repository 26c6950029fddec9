// The customer spends their own points on a reward from the widget: the same redeemReward as
// the portal, the POS and POST /api/v1/rewards/{id}/redeem (stock, limits, coupon and ledger
// entry in one transaction), recorded with source WIDGET. The widget's idempotency key is kept
// per customer ("widget:<customer id>:<key>"), so no customer's key can meet another's, or a
// key the store's own API calls chose; two requests with one key (a double click, a retry)
// give one redemption, the second answered as its replay.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { redeemReward } from "../rewards/redeem-reward";
import { requireTokenCustomer, type TokenSubject } from "./find-token-customer";
import { toWidgetRedemption, type WidgetRedemption } from "./list-widget-activity";

export type WidgetRedeemOutcome = { redemption: WidgetRedemption; balanceAfter: number; replay: boolean };

export async function redeemWidgetReward(db: DbOrTx, actor: Actor, subject: TokenSubject, input: { rewardId: string; idempotencyKey: string }): Promise<WidgetRedeemOutcome> {
  const customer = await requireTokenCustomer(db, actor.businessId, subject);
  const outcome = await redeemReward(
    db,
    actor,
    { rewardId: input.rewardId, customerId: customer.id, idempotencyKey: input.idempotencyKey },
    { keyNamespace: `widget:${customer.id}:` },
  );
  return { redemption: toWidgetRedemption(outcome), balanceAfter: outcome.balanceAfter, replay: outcome.replay };
}
