// Which view the panel body shows: an error that leaves nothing to show (widget off, origin
// refused, no network), the customer's side, or the programme (visitors, people not enrolled
// yet, and customers whose token was refused: their refusal is said above it, no one's data).
import type { ApiError } from "../api";
import { h } from "../dom";
import type { Formatter } from "../i18n";
import type { MessageKey } from "../messages";
import type { Actions, WidgetState } from "../state";
import { customerView } from "./customer-view";
import { programView } from "./program-view";

export function errorKey(error: ApiError): MessageKey {
  if (error.code === "TOKEN_EXPIRED") return "expired";
  if (error.code === "TOKEN_INVALID" || error.code === "UNAUTHORIZED") return "invalid";
  if (error.code === "ORIGIN_NOT_ALLOWED") return "forbidden";
  if (error.status === 404) return "notFound";
  if (error.status === 429) return "busy";
  if (error.code === "NETWORK") return "offline";
  return "failed";
}

const retryable = (error: ApiError) => error.code === "NETWORK" || error.status === 429 || error.status >= 500;

function alert(error: ApiError, f: Formatter, actions: Actions): HTMLElement {
  return h(
    "div",
    { class: "alert", role: "alert", "data-testid": "error", "data-code": error.code },
    h("p", {}, f.t(errorKey(error))),
    retryable(error) && h("button", { class: "link", type: "button", "data-key": "retry", onclick: () => actions.retry() }, f.t("retry")),
  );
}

export function panelBody(state: WidgetState, f: Formatter, actions: Actions, hasToken: boolean): Node[] {
  if (state.programError && !state.program) return [alert(state.programError, f, actions)];
  if (!state.program || (hasToken && !state.me && !state.meError)) return [h("p", { class: "muted", "aria-busy": "true" }, f.t("loading"))];
  const me = state.me;
  if (me?.member) return [customerView(me, state, f, actions)];
  const lead: Node[] = [];
  if (state.meError) lead.push(alert(state.meError, f, actions));
  else if (me && !me.member) lead.push(h("p", { class: "note", "data-testid": "not-member" }, f.t("notMember")));
  else lead.push(callToAction(f, actions));
  return [...lead, programView(state.program, f)];
}

function callToAction(f: Formatter, actions: Actions): HTMLElement {
  return h(
    "div",
    { class: "card", "data-testid": "visitor" },
    h("p", {}, f.t("visitorCall")),
    h("div", { class: "actions" }, h("button", { class: "btn", type: "button", "data-key": "join", onclick: () => actions.signIn() }, f.t("join"))),
    h("p", { class: "muted", "data-testid": "sign-in-hint", hidden: true }, f.t("signInHint")),
  );
}
