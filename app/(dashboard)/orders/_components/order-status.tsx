import { Pill } from "@/components/ui/states";

const TONES = { PENDING: "amber", PAID: "blue", FULFILLED: "green", CANCELLED: "slate" } as const;
const LABELS = { PENDING: "Pending", PAID: "Paid", FULFILLED: "Fulfilled", CANCELLED: "Cancelled" } as const;

export type OrderStatus = keyof typeof TONES;

export function OrderStatusPill({ status }: { status: OrderStatus }) {
  return <Pill tone={TONES[status]}>{LABELS[status]}</Pill>;
}

export const statusLabel = (status: OrderStatus) => LABELS[status];

// Who bought it, as the lists and the order page name them.
export function customerLabel(c: { name: string | null; email: string | null; erased: boolean }): string {
  if (c.erased) return "Erased customer";
  return c.name ?? c.email ?? "Unnamed customer";
}
