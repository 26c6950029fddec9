// One reward at a glance: its price, how many are left, the limit per customer, when it can be
// redeemed and what code it hands out (with a POOL reward's codes still to give).
import type { ReactNode } from "react";
import { formatDate, formatPoints } from "@/components/format";
import { Pill } from "@/components/ui/states";

export type RewardRow = {
  id: string;
  title: string;
  description: string | null;
  pointsCost: number;
  active: boolean;
  stock: number | null;
  perCustomerLimit: number | null;
  validFrom: Date | null;
  validUntil: Date | null;
  couponMode: "NONE" | "GENERATED" | "POOL";
  couponPrefix: string | null;
  couponsAvailable: number | null;
};

function validity(r: RewardRow): string {
  if (!r.validFrom && !r.validUntil) return "Always valid";
  if (!r.validUntil) return `From ${formatDate(r.validFrom)}`;
  if (!r.validFrom) return `Until ${formatDate(r.validUntil)}`;
  return `${formatDate(r.validFrom)} – ${formatDate(r.validUntil)}`;
}

function coupon(r: RewardRow): string {
  if (r.couponMode === "GENERATED") return `Generated codes${r.couponPrefix ? ` (${r.couponPrefix}…)` : ""}`;
  if (r.couponMode === "POOL") return `${formatPoints(r.couponsAvailable ?? 0)} pool codes left`;
  return "No code";
}

export function RewardSummary({ reward: r, children }: { reward: RewardRow; children: ReactNode }) {
  const facts = [
    r.stock === null ? "Unlimited stock" : `${formatPoints(r.stock)} left`,
    r.perCustomerLimit === null ? "No limit per customer" : `${formatPoints(r.perCustomerLimit)} per customer`,
    validity(r),
    coupon(r),
  ];
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="break-words font-medium text-slate-900">{r.title}</span>
          <Pill tone="blue">{formatPoints(r.pointsCost)} pts</Pill>
          {r.active ? <Pill tone="green">Active</Pill> : <Pill tone="slate">Inactive</Pill>}
          {r.couponMode === "POOL" && r.couponsAvailable === 0 && <Pill tone="amber">No codes left</Pill>}
        </div>
        {r.description && <p className="mt-1 break-words text-sm text-slate-600">{r.description}</p>}
        <p className="mt-1 text-sm text-slate-500" data-testid="reward-facts">{facts.join(" · ")}</p>
      </div>
      <div className="flex shrink-0 flex-wrap gap-2">{children}</div>
    </div>
  );
}
