// The customer's recent points history, their redemptions with codes to copy again, and their
// referral code and share link.
import { h } from "../dom";
import type { Formatter } from "../i18n";
import type { MessageKey } from "../messages";
import type { Actions, WidgetState } from "../state";
import { referralOffer } from "./program-view";

export function activityView(state: WidgetState, f: Formatter, actions: Actions): HTMLElement {
  const history = state.history;
  const redemptions = state.redemptions ?? [];
  return h(
    "div",
    { class: "activity" },
    redemptions.length > 0 &&
      h(
        "section",
        {},
        h("h3", { id: "ll-redemptions" }, f.t("redemptions")),
        h(
          "ul",
          { "data-testid": "redemptions" },
          redemptions.map((r) => {
            const code = r.couponCode ? h("span", { class: "code" }, r.couponCode) : null;
            return h(
              "li",
              { class: "row" },
              h("div", {}, h("p", { class: "title" }, r.rewardTitle), h("p", { class: "muted" }, [f.date(r.createdAt), r.status === "CANCELLED" ? ` · ${f.t("cancelled")}` : ""].join("")), code),
              code && r.status !== "CANCELLED" && h("button", { class: "btn secondary", type: "button", "aria-label": f.t("copyLabel", { what: r.rewardTitle }), onclick: () => actions.copy(r.couponCode!, code) }, f.t("copy")),
            );
          }),
        ),
      ),
    h(
      "section",
      {},
      h("h3", { id: "ll-history" }, f.t("history")),
      history === null
        ? h("p", { class: "muted" }, f.t("loading"))
        : history.length === 0
          ? h("p", { class: "muted" }, f.t("noHistory"))
          : h(
              "ul",
              { "data-testid": "history" },
              history.map((e) =>
                h(
                  "li",
                  { class: "row" },
                  h("div", {}, h("p", {}, e.description || f.t(typeKey(e.type))), h("p", { class: "muted" }, f.date(e.createdAt))),
                  h("span", { class: e.points >= 0 ? "points-plus" : "points-minus" }, `${e.points > 0 ? "+" : ""}${f.num(e.points)}`),
                ),
              ),
            ),
    ),
  );
}

function typeKey(type: string): MessageKey {
  const key = `type_${type}`;
  return (["type_AWARD", "type_REDEEM", "type_ADJUST", "type_EXPIRE", "type_REVERSAL"] as const).find((k) => k === key) ?? "type_ADJUST";
}

export function referralView(state: WidgetState, f: Formatter, actions: Actions): HTMLElement | null {
  const referral = state.referral;
  if (!referral?.code) return null;
  const code = h("span", { class: "code", "data-testid": "referral-code" }, referral.code);
  const link = referral.shareUrl ? h("span", { class: "muted", "data-testid": "share-url" }, referral.shareUrl) : null;
  return h(
    "section",
    { "data-testid": "referral" },
    h("h3", { id: "ll-referral" }, f.t("referral")),
    h("p", {}, referralOffer({ ...referral, minimumOrder: state.program?.referral?.minimumOrder }, f)),
    h(
      "div",
      { class: "row card" },
      h("div", {}, h("p", { class: "muted" }, f.t("referralCode")), code),
      h("button", { class: "btn secondary", type: "button", "aria-label": f.t("copyLabel", { what: f.t("referralCode") }), onclick: () => actions.copy(referral.code!, code) }, f.t("copy")),
    ),
    link &&
      h(
        "div",
        { class: "row card" },
        h("div", {}, h("p", { class: "muted" }, f.t("shareLink")), link),
        h("button", { class: "btn secondary", type: "button", "aria-label": f.t("copyLabel", { what: f.t("shareLink") }), onclick: () => actions.copy(referral.shareUrl!, link) }, f.t("copy")),
      ),
    h("p", { class: "muted" }, f.t("referralStats", { completed: f.num(referral.referrals.completed), pending: f.num(referral.referrals.pending) })),
  );
}
