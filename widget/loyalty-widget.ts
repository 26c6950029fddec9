// <loyalty-widget>: the customer's loyalty panel in an open shadow root (the contract:
// /widget-contract in the issue; attributes business, customer-token, mode, locale, api-origin,
// sign-in-url, primary-color, launcher-text; property `program`). Launcher mode: a floating
// button opening a modal dialog; page mode: the panel inline. Data lives in a WidgetData
// (widget-data.ts); this file draws it and handles focus and keyboard.
import { palette } from "./colors";
import { focusables, h } from "./dom";
import { formatter, pickLocale } from "./i18n";
import { applyStyles } from "./styles";
import type { Program } from "./types";
import { panelBody } from "./views/panel-view";
import { WidgetData } from "./widget-data";

const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20 7h-2.2A3 3 0 0 0 12 3.8 3 3 0 0 0 6.2 7H4a1 1 0 0 0-1 1v3a1 1 0 0 0 1 1v8a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1Zm-5-2a1 1 0 1 1 0 2h-2V6a1 1 0 0 1 2-1ZM9 5a1 1 0 0 1 1 1v1H9a1 1 0 1 1 0-2Zm2 15H6v-8h5v8Zm0-10H5V9h6v1Zm7 10h-5v-8h5v8Zm1-10h-6V9h6v1Z"/></svg>';
const RELOAD = new Set(["business", "customer-token", "api-origin"]);

export class LoyaltyWidget extends HTMLElement {
  static observedAttributes = ["business", "customer-token", "mode", "locale", "api-origin", "sign-in-url", "primary-color", "launcher-text"];
  // The origin widget.js came from (main.ts): where the API is unless api-origin says otherwise.
  static defaultOrigin = location.origin;

  private readonly root = this.attachShadow({ mode: "open" });
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly heading = h("h2", { id: "ll-title" });
  private readonly body = h("div", { class: "body" });
  private readonly live = h("p", { class: "status", role: "status", "aria-live": "polite" });
  private readonly data = new WidgetData(this, () => this.render());
  private isOpen = false;
  private programOverride: Program | null = null;

  constructor() {
    super();
    applyStyles(this.root);
    this.launcher = h("button", { class: "launcher waiting", type: "button", "aria-expanded": "false", "aria-controls": "ll-panel", "aria-haspopup": "dialog" }) as HTMLButtonElement;
    this.launcher.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
    const closeButton = h("button", { class: "close", type: "button", onclick: () => this.close() }, "×");
    this.panel = h("div", { class: "panel", id: "ll-panel", tabindex: -1, "aria-labelledby": "ll-title" }, h("div", { class: "head" }, this.heading, closeButton), this.body, this.live);
    this.panel.addEventListener("keydown", (event) => this.onKeydown(event));
    this.root.append(this.launcher, this.panel);
  }

  get program(): Program | null {
    return this.programOverride;
  }
  set program(value: Program | null) {
    this.programOverride = value;
    this.data.useProgram(value);
  }

  get pageMode(): boolean {
    return this.getAttribute("mode") === "page";
  }
  get token(): string | null {
    return this.getAttribute("customer-token") || null;
  }
  get apiOrigin(): string {
    return (this.getAttribute("api-origin") || LoyaltyWidget.defaultOrigin).replace(/\/+$/, "");
  }

  connectedCallback() {
    // A page (React) may have set `program` on the element before widget.js defined it: that
    // own property hides our setter, so it is taken over here.
    if (Object.prototype.hasOwnProperty.call(this, "program")) {
      const value = (this as { program?: Program | null }).program ?? null;
      delete (this as { program?: Program | null }).program;
      this.program = value;
    }
    this.render();
    this.data.start(this.pageMode);
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null) {
    // Before connectedCallback (an upgrade calls this for each attribute first) nothing loads yet.
    if (before === after || !this.data.started) return;
    if (RELOAD.has(name)) this.data.restart(this.pageMode || this.isOpen);
    else this.render();
  }

  open() {
    if (this.pageMode || this.isOpen) return;
    this.isOpen = true;
    this.data.loadLists();
    this.render();
    this.panel.focus();
  }

  close() {
    if (this.pageMode || !this.isOpen) return;
    this.isOpen = false;
    this.data.closed();
    this.render();
    this.launcher.focus();
  }

  private onKeydown(event: KeyboardEvent) {
    if (this.pageMode) return;
    if (event.key === "Escape") {
      event.stopPropagation();
      this.close();
    } else if (event.key === "Tab") {
      // A modal dialog: Tab and Shift+Tab go round inside it.
      const items = focusables(this.panel);
      const first = items[0];
      const last = items[items.length - 1];
      const active = this.root.activeElement;
      if (!first || !last) return event.preventDefault();
      if (event.shiftKey && (active === first || active === this.panel)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  // Redraws from the data; keeps focus on the same control (by its data-key) and the scroll.
  render(focusKey?: string) {
    const state = this.data.state;
    const program = state.program;
    const f = formatter(pickLocale(this.getAttribute("locale")), program?.business.currency);
    const colours = palette(this.getAttribute("primary-color") || program?.appearance.primaryColor);
    this.style.setProperty("--ll-primary", colours.primary);
    this.style.setProperty("--ll-on-primary", colours.onPrimary);
    this.style.setProperty("--ll-accent", colours.accent);
    const page = this.pageMode;
    this.launcher.hidden = page;
    this.launcher.classList.toggle("waiting", !this.getAttribute("launcher-text") && !program && !state.programError);
    this.launcher.innerHTML = ICON;
    this.launcher.append(h("span", {}, this.getAttribute("launcher-text") || program?.appearance.launcherText || f.t("launcher")));
    this.launcher.setAttribute("aria-expanded", String(this.isOpen));
    this.panel.hidden = !page && !this.isOpen;
    this.panel.setAttribute("role", page ? "region" : "dialog");
    if (page) this.panel.removeAttribute("aria-modal");
    else this.panel.setAttribute("aria-modal", "true");
    const closeButton = this.panel.querySelector<HTMLButtonElement>(".close")!;
    closeButton.hidden = page;
    closeButton.setAttribute("aria-label", f.t("close"));
    this.heading.textContent = program?.business.name ?? (this.getAttribute("launcher-text") || f.t("launcher"));
    this.live.textContent = state.status ? f.t(state.status) : "";
    if (this.panel.hidden) return;
    const active = this.root.activeElement as HTMLElement | null;
    const keep = focusKey ?? active?.dataset.key;
    const scroll = this.body.scrollTop;
    this.body.replaceChildren(...panelBody(state, f, this.data.actions, this.token !== null));
    this.body.scrollTop = scroll;
    const target = keep ? this.body.querySelector<HTMLElement>(`[data-key="${CSS.escape(keep)}"]`) : null;
    if (target) target.focus();
    else if (active && !active.isConnected) this.panel.focus();
  }
}
