// widget.js: defines <loyalty-widget> (once, even if the script is on the page twice) and,
// unless the script tag says data-mount="none", adds one to the page with the tag's data-*
// as its attributes, driven by window.LoyaltyLedger.
import { scriptOrigin } from "./api";
import { LoyaltyWidget } from "./loyalty-widget";

type Global = { setCustomerToken(token: string | null): void; open(): void; close(): void };
declare global {
  interface Window {
    LoyaltyLedger?: Global;
  }
}

const script = document.currentScript;
if (!customElements.get("loyalty-widget")) {
  LoyaltyWidget.defaultOrigin = scriptOrigin(script);
  customElements.define("loyalty-widget", LoyaltyWidget);
}

function mount() {
  if (!(script instanceof HTMLScriptElement) || script.dataset.mount === "none") return;
  if (document.querySelector("loyalty-widget[data-auto-mounted]")) return;
  const element = document.createElement("loyalty-widget") as LoyaltyWidget;
  element.setAttribute("data-auto-mounted", "");
  for (const [name, value] of Object.entries(script.dataset)) {
    if (name === "mount" || value === undefined) continue;
    element.setAttribute(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
  }
  if (!element.hasAttribute("api-origin")) element.setAttribute("api-origin", scriptOrigin(script));
  document.body.append(element);
  window.LoyaltyLedger = {
    setCustomerToken: (token) => (token ? element.setAttribute("customer-token", token) : element.removeAttribute("customer-token")),
    open: () => element.open(),
    close: () => element.close(),
  };
}

if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount, { once: true });
