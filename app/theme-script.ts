// The colour theme, applied before the first paint: an inline script in the root layout's <head>
// (the security policy allows inline scripts; see server/http/security-headers.ts) puts .dark on
// <html> when the person chose dark, or chose nothing and their system is dark, and follows the
// system while they keep "System". app/globals.css turns the palette over under .dark.
// The choice lives in this browser (localStorage), not the account: a shared till and an
// owner's phone may want different ones.
export const THEME_KEY = "ll-theme";
export type ThemeChoice = "system" | "light" | "dark";

export const THEME_SCRIPT = `(function () {
  var media = window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    var choice = null;
    try { choice = localStorage.getItem(${JSON.stringify(THEME_KEY)}); } catch (e) {}
    document.documentElement.classList.toggle("dark", choice === "dark" || (choice !== "light" && media.matches));
  }
  apply();
  media.addEventListener("change", apply);
  window.addEventListener("storage", apply);
  window.__llApplyTheme = apply;
})();`;
