// The widget's only styles, inside its shadow root. adoptedStyleSheets first: a constructed
// sheet is not an inline <style>, so a store whose CSP forbids 'unsafe-inline' styles still
// shows the widget; a <style> element for browsers without constructable sheets. The host is
// reset with `all: initial !important`: a store's `* {...}` rules reach the host element itself
// (never inside the shadow root), and in the shadow's own !important layer ours win, so nothing
// inherits in (font, colour, line height, text-transform...). Colours come in as custom
// properties set through the CSSOM (also allowed under such a CSP).
const CSS = `
:host { all: initial !important; display: block !important; position: fixed !important; right: 0 !important; bottom: 0 !important;
  width: 0 !important; height: 0 !important; z-index: 2147483000 !important; visibility: visible !important;
  font: 400 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif !important;
  color: #1f2937 !important; text-align: left !important; direction: ltr; }
:host([mode="page"]) { position: relative !important; width: 100% !important; height: auto !important; z-index: auto !important; }
:host([hidden]) { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.launcher { position: fixed; right: 20px; bottom: 20px; display: inline-flex; align-items: center; gap: 8px; min-height: 48px;
  padding: 12px 20px; border: 0; border-radius: 999px; background: var(--ll-primary); color: var(--ll-on-primary);
  font-family: inherit; font-size: 15px; font-weight: 600; line-height: 1.2; cursor: pointer; box-shadow: 0 6px 20px rgb(0 0 0 / .25); transition: opacity .15s; }
.launcher.waiting { opacity: 0; pointer-events: none; }
.launcher svg { width: 20px; height: 20px; fill: currentColor; }
button, a { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--ll-accent); outline-offset: 2px; }
.launcher:focus-visible { outline-color: #111827; box-shadow: 0 0 0 5px #fff; }
.panel { position: fixed; right: 20px; bottom: 84px; width: 380px; max-height: min(640px, calc(100vh - 104px)); display: flex; flex-direction: column;
  background: #fff; color: #1f2937; border-radius: 16px; box-shadow: 0 12px 40px rgb(0 0 0 / .28); overflow: hidden; }
:host([mode="page"]) .panel { position: static; width: 100%; max-height: none; box-shadow: none; border: 1px solid #e5e7eb; }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 14px 16px; background: var(--ll-primary); color: var(--ll-on-primary); }
.head h2 { margin: 0; font-size: 17px; font-weight: 700; line-height: 1.3; overflow-wrap: anywhere; }
.head .close { border: 0; background: transparent; width: 36px; height: 36px; border-radius: 8px; cursor: pointer; font-size: 22px; line-height: 1; flex: none; }
.head .close:focus-visible { outline-color: currentColor; }
.body, .customer, .program, .activity { display: grid; gap: 20px; align-content: start; }
.body { padding: 16px; overflow-y: auto; overscroll-behavior: contain; }
section { display: grid; gap: 8px; align-content: start; }
h3 { margin: 0; font-size: 13px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: #4b5563; }
p { margin: 0; }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.card { display: grid; gap: 4px; border: 1px solid #e5e7eb; border-radius: 12px; padding: 14px; }
.balance { font-size: 34px; font-weight: 800; line-height: 1.1; color: #111827; }
.muted { color: #4b5563; font-size: 13px; }
.warn { color: #92400e; font-size: 13px; }
.bar { height: 8px; border-radius: 999px; background: #e5e7eb; border: 1px solid #d1d5db; overflow: hidden; margin: 6px 0 4px; }
.bar > span { display: block; height: 100%; background: var(--ll-primary); }
.row { display: flex; align-items: center; justify-content: space-between; gap: 10px; }
.row > :first-child { min-width: 0; overflow-wrap: anywhere; }
.title { font-weight: 600; color: #111827; }
.btn { border: 0; border-radius: 8px; padding: 8px 14px; min-height: 36px; background: var(--ll-primary); color: var(--ll-on-primary); font-weight: 600; cursor: pointer; flex: none; }
.btn.secondary { background: #fff; color: #1f2937; border: 1px solid #9ca3af; }
.btn[disabled] { opacity: .6; cursor: progress; }
.confirm { margin-top: 10px; padding-top: 10px; border-top: 1px dashed #d1d5db; display: grid; gap: 8px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 6px; }
.code { font: 700 16px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: .05em; color: #111827; overflow-wrap: anywhere; user-select: all; }
.success { background: #ecfdf5; border-color: #6ee7b7; }
.alert { border-radius: 10px; padding: 10px 12px; background: #fef2f2; color: #991b1b; border: 1px solid #fca5a5; }
.note { border-radius: 10px; padding: 10px 12px; background: #f3f4f6; color: #1f2937; }
.points-plus { color: #047857; font-weight: 600; white-space: nowrap; }
.points-minus { color: #b91c1c; font-weight: 600; white-space: nowrap; }
.link { color: var(--ll-accent); text-decoration: underline; background: none; border: 0; padding: 0; cursor: pointer; }
.status { margin: 0; padding: 8px 16px; background: #111827; color: #fff; font-size: 13px; }
.status:empty { display: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  .launcher { right: 12px; bottom: 12px; }
  :host(:not([mode="page"])) .panel { left: 0; right: 0; bottom: 0; width: 100%; max-height: 88vh; border-radius: 16px 16px 0 0; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
`;

let shared: CSSStyleSheet | null | undefined;

export function applyStyles(root: ShadowRoot): void {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(CSS);
    } catch {
      shared = null;
    }
  }
  if (shared && "adoptedStyleSheets" in root) root.adoptedStyleSheets = [shared];
  else root.append(Object.assign(document.createElement("style"), { textContent: CSS }));
}
