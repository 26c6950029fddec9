// Money as typed ("15", "15.5", "15.50") to minor units of the currency, or null when it isn't
// an amount; currencies without a minor unit (JPY) take whole numbers only.
export function toMinorUnits(text: string, currency: string): number | null {
  const digits = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const match = new RegExp(digits > 0 ? `^(\\d{1,9})(?:[.,](\\d{1,${digits}}))?$` : "^(\\d{1,9})$").exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || 0);
}
