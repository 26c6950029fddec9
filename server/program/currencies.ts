// The currencies a business can price points in: the ISO 4217 codes the runtime's ICU knows
// (Intl.supportedValuesOf, Node 20 and every current browser), so the settings page's list and
// the server's check are the same list and a code Intl can't format is never stored.
import { z } from "zod";

export const CURRENCY_CODES: readonly string[] = Intl.supportedValuesOf("currency");
const KNOWN = new Set(CURRENCY_CODES);
export const isCurrencyCode = (code: string) => KNOWN.has(code);

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, "use an ISO 4217 currency code such as USD, EUR or GBP")
  .meta({ description: "ISO 4217 code, e.g. USD." });

// "EUR - Euro", for the searchable list; the code alone where the runtime has no name for it.
export function currencyLabel(code: string, locale = "en"): string {
  const name = new Intl.DisplayNames([locale], { type: "currency", fallback: "none" }).of(code);
  return name ? `${code} - ${name}` : code;
}
