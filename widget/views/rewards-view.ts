// The rewards the customer can afford now (GET /rewards), each with Redeem. Redeem asks first
// (the confirm row appears below, never where Redeem was, so a double click on Redeem can't
// confirm); Confirm is disabled while the request is out and the key is made once per confirm.
import { h } from "../dom";
import type { Formatter } from "../i18n";
import type { Actions, WidgetState } from "../state";
import type { Reward } from "../types";
import { errorKey } from "./panel-view";

export function rewardsView(state: WidgetState, f: Formatter, actions: Actions): HTMLElement {
  const rewards = state.rewards;
  const cheapest = state.program?.rewards[0];
  return h(
    "section",
    {},
    h("h3", { id: "ll-rewards" }, f.t("yourRewards")),
    state.redeemed && redeemedCard(state, f, actions),
    rewards === null
      ? h("p", { class: "muted" }, f.t("loading"))
      : rewards.length === 0
        ? h("p", { class: "muted" }, cheapest ? f.t("noRewardYet", { points: f.points(cheapest.pointsCost) }) : f.t("noRewards"))
        : h("ul", {}, rewards.map((reward) => rewardItem(reward, state, f, actions))),
  );
}

function rewardItem(reward: Reward, state: WidgetState, f: Formatter, actions: Actions): HTMLElement {
  const confirming = state.confirming === reward.id;
  // A refusal of the redemption itself (409/422: out of stock, limit reached, not enough
  // points) is the API's own sentence; anything else is said in the customer's language.
  const failure = state.redeemError?.rewardId === reward.id ? state.redeemError.error : null;
  const error = failure ? (failure.status === 409 || failure.status === 422) && failure.message ? failure.message : f.t(errorKey(failure)) : null;
  const cost = f.points(reward.pointsCost);
  return h(
    "li",
    { class: "card", "data-testid": "reward", "data-reward-id": reward.id },
    h(
      "div",
      { class: "row" },
      h("div", { id: `ll-reward-${reward.id}` }, h("p", { class: "title" }, reward.title), h("p", { class: "muted" }, cost), reward.description && h("p", { class: "muted" }, reward.description)),
      // Named "Redeem" (the contract's hook), described by the reward's title and cost.
      h(
        "button",
        { class: "btn", type: "button", "data-key": `redeem-${reward.id}`, "aria-describedby": `ll-reward-${reward.id}`, "aria-expanded": String(confirming), onclick: () => actions.askRedeem(reward.id) },
        f.t("redeem"),
      ),
    ),
    confirming &&
      h(
        "div",
        { class: "confirm" },
        h("p", { id: `ll-confirm-${reward.id}` }, f.t("confirmRedeem", { points: cost, title: reward.title })),
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            { class: "btn", type: "button", "data-key": `confirm-${reward.id}`, "aria-describedby": `ll-confirm-${reward.id}`, disabled: state.redeeming, "aria-busy": String(state.redeeming), onclick: () => actions.confirmRedeem(reward.id) },
            state.redeeming ? f.t("redeeming") : f.t("confirm"),
          ),
          h("button", { class: "btn secondary", type: "button", "data-key": `cancel-${reward.id}`, disabled: state.redeeming, onclick: () => actions.cancelRedeem() }, f.t("cancel")),
        ),
      ),
    error && h("p", { class: "alert", role: "alert" }, error),
  );
}

function redeemedCard(state: WidgetState, f: Formatter, actions: Actions): HTMLElement {
  const redemption = state.redeemed!;
  const code = redemption.couponCode;
  const codeElement = code ? h("p", { class: "code", "data-testid": "coupon-code" }, code) : null;
  return h(
    "div",
    { class: "card success", "data-testid": "redeemed", tabindex: -1, "data-key": "redeemed" },
    h("p", { class: "title" }, f.t("redeemed", { title: redemption.rewardTitle })),
    code && codeElement
      ? h(
          "div",
          { class: "row" },
          h("div", {}, h("p", { class: "muted" }, f.t("yourCode")), codeElement),
          h("button", { class: "btn secondary", type: "button", "aria-label": f.t("copyLabel", { what: f.t("yourCode") }), onclick: () => actions.copy(code, codeElement) }, f.t("copy")),
        )
      : h("p", { class: "muted" }, f.t("noCode")),
  );
}
