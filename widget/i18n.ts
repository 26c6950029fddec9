// The widget's words and numbers in the customer's language: one dictionary per locale
// (messages.ts), numbers, dates and money through Intl in that locale.
import { en, fr, type MessageKey } from "./messages";

export type Locale = "en" | "fr";
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { en, fr };

// The attribute, else the page's language, else the browser's, else English.
export function pickLocale(attribute: string | null): Locale {
  for (const candidate of [attribute, document.documentElement.lang, navigator.language]) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    if (base === "en" || base === "fr") return base;
  }
  return "en";
}

export type Formatter = ReturnType<typeof formatter>;

export function formatter(locale: Locale, currency: string | undefined) {
  const words = DICTIONARIES[locale];
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const money = currency ? moneyFormat(locale, currency) : null;
  const t = (key: MessageKey, values: Record<string, string | number> = {}): string =>
    words[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
  const num = (n: number) => numbers.format(n);
  return {
    locale,
    t,
    num,
    points: (n: number) => t(pluralOne(locale, n) ? "points_one" : "points", { n: num(n) }),
    date: (iso: string | null | undefined) => (iso ? dates.format(new Date(iso)) : ""),
    // Amounts are integer minor units of the business's currency (cents for EUR, yen for JPY).
    // One whole currency unit in minor units ("per €1 spent" is 100 cents, per ¥1 is 1).
    unit: money ? 10 ** money.digits : 1,
    money: (minor: number) => (money ? money.format(minor / 10 ** money.digits) : num(minor)),
  };
}

function pluralOne(locale: Locale, n: number): boolean {
  return locale === "fr" ? Math.abs(n) < 2 : Math.abs(n) === 1;
}

function moneyFormat(locale: Locale, currency: string) {
  try {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    return { format: (n: number) => format.format(n), digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
  } catch {
    return null; // an unknown currency code: plain numbers rather than no widget
  }
}
