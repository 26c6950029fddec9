// The currencies a business can price points in: the ISO 4217 codes the runtime's ICU knows
// (Intl.supportedValuesOf: Node 20 and current browsers; older ones without it check the shape
// only). Input is checked for shape everywhere and against the list only when the currency
// changes (program-settings.ts): a business that has a code the list lacks (an older ICU's, a
// test currency) can still save its other settings.
import { z } from "zod";

export const CURRENCY_CODES: readonly string[] = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : [];
const KNOWN = new Set(CURRENCY_CODES);
export const isCurrencyCode = (code: string) => KNOWN.size === 0 || KNOWN.has(code);
export const CURRENCY_MESSAGE = "use an ISO 4217 currency code such as USD, EUR or GBP";

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, CURRENCY_MESSAGE)
  .meta({ description: "ISO 4217 code, e.g. USD." });
// "EUR - Euro", for the searchable list; the code alone where the runtime has no name for it.
export function currencyLabel(code: string, locale = "en"): string {
  const name = new Intl.DisplayNames([locale], { type: "currency", fallback: "none" }).of(code);
  return name ? `${code} - ${name}` : code;
}
