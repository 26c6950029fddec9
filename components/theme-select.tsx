"use client";
// System, light or dark: stored in this browser and applied at once by the root layout's theme
// script (app/theme-script.ts), which also keeps following the system while "System" is chosen.
// Read through useSyncExternalStore: the server renders "System", the browser its stored choice.
import { useSyncExternalStore } from "react";
import { THEME_KEY, type ThemeChoice } from "@/app/theme-script";

const CHANGED = "ll-theme-change";
const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
};
const stored = (): ThemeChoice => {
  const value = localStorage.getItem(THEME_KEY);
  return value === "light" || value === "dark" ? value : "system";
};

export function ThemeSelect() {
  const choice = useSyncExternalStore(subscribe, stored, () => "system" as ThemeChoice);
  const change = (next: ThemeChoice) => {
    if (next === "system") localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
    window.dispatchEvent(new Event(CHANGED));
    (window as unknown as { __llApplyTheme?: () => void }).__llApplyTheme?.();
  };
  return (
    <label className="mt-3 flex items-center justify-between gap-2 rounded-lg px-3 py-1 text-sm">
      <span>Theme</span>
      <select
        value={choice}
        onChange={(e) => change(e.target.value as ThemeChoice)}
        className="rounded border-0 bg-slate-800 py-1 pr-7 pl-2 text-sm text-white focus:ring-2 focus:ring-brand-500"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
