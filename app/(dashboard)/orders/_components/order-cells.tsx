// The cells an order shows in the list, as a table row (md and up) or a card (phones).
import Link from "next/link";
import { formatMoney, formatPoints } from "@/components/format";
import { customerLabel, type OrderStatus } from "./order-status";

export type Row = {
  id: string; externalId: string; status: OrderStatus; currency: string; placedAt: Date;
  subtotal: number; discount: number; shipping: number; tax: number; amountRefunded: number;
  pointsAwarded: number; pointsRefunded: number; pointsUnrecovered: number;
  customer: { id: string; name: string | null; email: string | null; erased: boolean };
};

const total = (o: Row) => o.subtotal - o.discount + o.shipping + o.tax;

export function Buyer({ order: o }: { order: Row }) {
  if (o.customer.erased) return <span className="italic text-slate-500">Erased customer</span>;
  return (
    <Link href={`/customers/${o.customer.id}`} className="group block min-w-0">
      <span className="block truncate text-slate-900 group-hover:text-brand-600">{customerLabel(o.customer)}</span>
      {o.customer.name && o.customer.email && <span className="block truncate text-xs text-slate-500">{o.customer.email}</span>}
    </Link>
  );
}

export function Money({ order: o }: { order: Row }) {
  return (
    <span className="tabular-nums">
      {formatMoney(total(o), o.currency)}
      {o.amountRefunded > 0 && <span className="block text-xs text-slate-500">{formatMoney(o.amountRefunded, o.currency)} refunded</span>}
    </span>
  );
}

// Awarded, then what refunds and cancelling took back, then what they couldn't (already spent).
export function Points({ order: o }: { order: Row }) {
  return (
    <span className="block text-right text-sm tabular-nums">
      <span className="font-semibold">{formatPoints(o.pointsAwarded)}</span> <span className="text-xs text-slate-500">awarded</span>
      {o.pointsRefunded > 0 && <span className="block text-xs text-slate-600">−{formatPoints(o.pointsRefunded)} taken back</span>}
      {o.pointsUnrecovered > 0 && <span className="block text-xs text-amber-700">{formatPoints(o.pointsUnrecovered)} unrecovered</span>}
    </span>
  );
}
