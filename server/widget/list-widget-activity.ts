// The signed-in customer's lists: recent points history, their redemptions (with coupon codes,
// so a code can be shown and copied again later) and the rewards they can redeem now. Read
// through the same functions as the public API, then cut to what the customer should see: no
// staff names, keys, metadata or actor ids.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { listHistory } from "../ledger/list-history";
import type { Pagination } from "../paging";
import { listRedemptions } from "../rewards/list-redemptions";
import { listRewards } from "../rewards/manage-rewards";
import { listRedemptionsInput, listRewardsInput } from "../rewards/reward-schemas";
import { requireTokenCustomer, type TokenSubject } from "./find-token-customer";
import { toWidgetReward, type WidgetReward } from "./get-widget-program";
import type { WidgetPage } from "./widget-schemas";

export type WidgetEntry = {
  id: string; type: string; points: number; balanceAfter: number; description: string | null;
  availableAt: Date | null; expiresAt: Date | null; createdAt: Date;
};

export type WidgetRedemption = {
  id: string; rewardId: string; rewardTitle: string; points: number; couponCode: string | null; status: string; createdAt: Date; cancelledAt: Date | null;
};

export async function listWidgetHistory(db: DbOrTx, actor: Actor, subject: TokenSubject, page: WidgetPage): Promise<{ items: WidgetEntry[]; pagination: Pagination }> {
  const customer = await requireTokenCustomer(db, actor.businessId, subject);
  const history = await listHistory(db, actor, { customerId: customer.id, ...page });
  const items = history.items.map((e) => ({
    id: e.id, type: e.type, points: e.points, balanceAfter: e.balanceAfter, description: e.description,
    availableAt: e.availableAt, expiresAt: e.expiresAt, createdAt: e.createdAt,
  }));
  return { items, pagination: history.pagination };
}

export async function listWidgetRedemptions(db: DbOrTx, actor: Actor, subject: TokenSubject, page: WidgetPage): Promise<{ items: WidgetRedemption[]; pagination: Pagination }> {
  const customer = await requireTokenCustomer(db, actor.businessId, subject);
  const list = await listRedemptions(db, actor, listRedemptionsInput.parse({ customerId: customer.id, ...page }));
  return { items: list.items.map(toWidgetRedemption), pagination: list.pagination };
}

// Active, in their window, in stock, within their spendable points and their per-customer limit:
// the query the till's "what can I get?" uses (listRewards with customerId).
export async function listWidgetRewards(db: DbOrTx, actor: Actor, subject: TokenSubject, page: WidgetPage): Promise<{ items: WidgetReward[]; pagination: Pagination }> {
  const customer = await requireTokenCustomer(db, actor.businessId, subject);
  const list = await listRewards(db, actor, listRewardsInput.parse({ customerId: customer.id, ...page }));
  return { items: list.items.map(toWidgetReward), pagination: list.pagination };
}

export function toWidgetRedemption(r: WidgetRedemption): WidgetRedemption {
  return {
    id: r.id, rewardId: r.rewardId, rewardTitle: r.rewardTitle, points: r.points, couponCode: r.couponCode, status: r.status, createdAt: r.createdAt, cancelledAt: r.cancelledAt,
  };
}
