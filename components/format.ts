// Display formatting shared by the portal. Points are integers; money is integer minor units.
const pointsFormat = new Intl.NumberFormat("en-US");

export function formatPoints(points: number): string {
  return pointsFormat.format(points);
}

export function formatSignedPoints(points: number): string {
  return `${points > 0 ? "+" : points < 0 ? "−" : ""}${pointsFormat.format(Math.abs(points))}`;
}

// Minor units to a currency string; currencies with no minor unit (JPY) are handled by Intl.
export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

export function formatDate(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return new Date(date).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return new Date(date).toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" });
}

export function formatPercent(share: number | null): string {
  return share === null ? "—" : `${(share * 100).toFixed(1)}%`;
}
