// The programme's public face, for visitors and for anyone the widget can't show points to:
// how points are earned, the tiers, the rewards with their costs and the referral offer.
import { h } from "../dom";
import type { Formatter } from "../i18n";
import type { Program } from "../types";

export function programView(program: Program, f: Formatter): HTMLElement {
  const { earn, business, tiers, rewards, referral } = program;
  const how = [
    earn.mode === "SPEND" ? f.t("earnSpend", { points: f.points(earn.rate), amount: f.money(f.unit) }) : f.t("earnUnit", { points: f.points(earn.rate) }),
    earn.pendingDays > 0 ? f.t("pendingDays", { days: f.num(earn.pendingDays) }) : null,
    earn.pointExpiryDays ? f.t("expiryDays", { days: f.num(earn.pointExpiryDays) }) : null,
    business.pointValuePer100 > 0 ? f.t("pointValue", { amount: f.money(business.pointValuePer100) }) : null,
  ].filter((line): line is string => line !== null);
  return h(
    "div",
    { class: "program", "data-testid": "program" },
    h("section", {}, h("h3", { id: "ll-how" }, f.t("programme")), h("ul", {}, how.map((line) => h("li", {}, line)))),
    rewards.length > 0 &&
      h(
        "section",
        {},
        h("h3", { id: "ll-catalogue" }, f.t("rewards")),
        h("ul", {}, rewards.map((r) => h("li", { class: "row card", "data-testid": "program-reward" }, h("span", { class: "title" }, r.title), h("span", { class: "muted" }, f.points(r.pointsCost))))),
      ),
    tiers.length > 1 &&
      h(
        "section",
        {},
        h("h3", { id: "ll-tiers" }, f.t("tiers")),
        h(
          "ul",
          {},
          tiers.map((tier) =>
            h(
              "li",
              { class: "row" },
              h("span", { class: "title" }, tier.name),
              h("span", { class: "muted" }, [f.t("tierFrom", { points: f.points(tier.minPoints) }), tier.multiplierPercent > 100 ? ` · ${f.t("multiplier", { factor: f.num(tier.multiplierPercent / 100) })}` : ""].join("")),
            ),
          ),
        ),
      ),
    referral && h("section", {}, h("h3", { id: "ll-refer" }, f.t("referral")), h("p", {}, referralOffer(referral, f))),
  );
}

export function referralOffer(referral: { referrerPoints: number; refereePoints: number; minimumOrder?: number }, f: Formatter): string {
  const values = { referee: f.points(referral.refereePoints), referrer: f.points(referral.referrerPoints) };
  return referral.minimumOrder ? f.t("referralOfferMin", { ...values, amount: f.money(referral.minimumOrder) }) : f.t("referralOffer", values);
}
