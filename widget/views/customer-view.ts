// The signed-in customer's side: their points (spendable, pending, expiring), their tier and
// the way to the next, the rewards they can afford with a confirmed Redeem, what they redeemed
// (codes to copy again), their recent activity and their referral code.
import { h } from "../dom";
import type { Formatter } from "../i18n";
import type { Actions, WidgetState } from "../state";
import type { Member } from "../types";
import { activityView, referralView } from "./activity-view";
import { rewardsView } from "./rewards-view";

type Customer = Extract<Member, { member: true }>;

export function customerView(me: Customer, state: WidgetState, f: Formatter, actions: Actions): HTMLElement {
  return h(
    "div",
    { class: "customer", "data-testid": "customer" },
    balanceCard(me, f),
    me.blocked ? h("p", { class: "note", "data-testid": "blocked" }, f.t("blocked")) : rewardsView(state, f, actions),
    activityView(state, f, actions),
    state.program?.referral ? referralView(state, f, actions) : null,
  );
}

function balanceCard(me: Customer, f: Formatter): HTMLElement {
  const next = me.nextTier;
  const toNext = me.pointsToNextTier ?? 0;
  const percent = next && next.minPoints > 0 ? Math.max(0, Math.min(100, Math.floor((me.qualifyingPoints / next.minPoints) * 100))) : 100;
  const bar = h("span");
  bar.style.width = `${percent}%`;
  return h(
    "section",
    { class: "card" },
    h("p", { class: "title" }, me.name ? f.t("hello", { name: me.name }) : f.t("helloAnon")),
    h("p", { class: "muted", id: "ll-balance-label" }, f.t("balanceLabel")),
    h("p", { class: "balance", "data-testid": "balance", "data-points": me.balance }, f.num(me.balance)),
    me.pending > 0 &&
      h(
        "p",
        { class: "muted", "data-testid": "pending" },
        me.nextAvailableAt ? f.t("pending", { points: f.points(me.pending), date: f.date(me.nextAvailableAt) }) : f.t("pendingNoDate", { points: f.points(me.pending) }),
      ),
    me.expiringSoon.points > 0 && h("p", { class: "warn", "data-testid": "expiring" }, f.t("expiring", { points: f.points(me.expiringSoon.points), date: f.date(me.expiringSoon.nextExpiryAt) })),
    me.tier &&
      h(
        "div",
        { "data-testid": "tier" },
        h("p", { class: "title" }, f.t("tier", { tier: me.tier })),
        next
          ? [
              h("div", { class: "bar", role: "progressbar", "aria-label": f.t("progressLabel", { tier: next.name }), "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": percent }, bar),
              h("p", { class: "muted" }, f.t("toNextTier", { points: f.points(toNext), tier: next.name })),
            ]
          : h("p", { class: "muted" }, f.t("topTier")),
      ),
  );
}
