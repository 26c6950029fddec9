"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDate, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Card, Stat } from "@/components/ui/card";
import { EmptyState, ErrorState, Pill, Skeleton } from "@/components/ui/states";
import { AdjustForm } from "./adjust-form";
import { CustomerActions } from "./customer-actions";
import { HistoryTable } from "./history-table";
import { RedeemCard } from "./redeem-card";
import { RedemptionsTable } from "../../../rewards/_components/redemptions-table";

export function CustomerDetail({ id, isOwner }: { id: string; isOwner: boolean }) {
  const trpc = useTRPC();
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  if (customer.isPending) return <div className="space-y-4"><Skeleton className="h-10 w-64" /><Skeleton className="h-32" /><Skeleton className="h-64" /></div>;
  if (customer.error) {
    return customer.error.data?.code === "NOT_FOUND" ? (
      <EmptyState title="Customer not found" description="They may have been erased, or belong to another business." action={<Link href="/customers" className="text-sm font-medium text-brand-600">Back to customers</Link>} />
    ) : (
      <ErrorState message={customer.error.message} />
    );
  }
  const c = customer.data;
  const expiring = c.expiringSoon;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <Link href="/customers" className="text-sm text-slate-500 hover:text-slate-900">← Customers</Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            {c.name ?? "Unnamed customer"}
            {c.status === "BLOCKED" ? <Pill tone="red">Locked</Pill> : <Pill tone="green">Active</Pill>}
            {c.tier && <Pill tone="blue">{c.tier}</Pill>}
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            {[c.email, c.phone, c.externalId && `ext. ${c.externalId}`].filter(Boolean).join(" · ") || "No contact details"} · joined {formatDate(c.createdAt)}
          </p>
          {c.referralCode && (
            <p className="mt-1 text-sm text-slate-500" data-testid="referral-code">
              Referral code <span className="font-mono font-medium tracking-wider text-slate-900">{c.referralCode}</span>
            </p>
          )}
        </div>
        <CustomerActions customer={c} isOwner={isOwner} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Balance"
          value={`${formatPoints(c.balance)} pts`}
          sub={c.pending > 0 ? `+ ${formatPoints(c.pending)} pending${c.nextAvailableAt ? `, next on ${formatDate(c.nextAvailableAt)}` : ""}` : "nothing pending"}
          testId="customer-balance"
        />
        <Stat label="Lifetime earned" value={formatPoints(c.lifetimeEarned)} sub={`${formatPoints(c.lifetimeRedeemed)} redeemed`} />
        <Stat label={`Expiring in ${expiring.withinDays} days`} value={formatPoints(expiring.points)} sub={expiring.nextExpiryAt ? `next on ${formatDate(expiring.nextExpiryAt)}` : "nothing due soon"} testId="expiring-soon" />
        <Stat
          label="Tier"
          value={c.tier ? `${c.tier}${c.tierMultiplierPercent !== 100 ? ` · ${c.tierMultiplierPercent / 100}x` : ""}` : "—"}
          sub={<TierProgress customer={c} />}
          testId="customer-tier"
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-1">
          <RedeemCard customerId={c.id} balance={c.balance} locked={c.status === "BLOCKED"} />
          <AdjustForm customerId={c.id} balance={c.balance} />
          <Card title="Badges">
            {c.badges.length === 0 ? (
              <p className="text-sm text-slate-500">No badges earned yet.</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {c.badges.map((b) => (
                  <li key={b.slug} title={`Earned ${formatDate(b.awardedAt)}`}><Pill tone="amber">★ {b.name}</Pill></li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <HistoryTable customerId={c.id} />
          <Card title="Redemptions">
            <RedemptionsTable customerId={c.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}

type Standing = { qualifyingPoints: number; nextTier: { name: string; minPoints: number } | null; pointsToNextTier: number | null; lastActivityAt: Date | string | null };

// How far to the next tier: a bar from this tier's threshold to the next one's.
function TierProgress({ customer: c }: { customer: Standing }) {
  const active = c.lastActivityAt ? `last active ${formatDate(c.lastActivityAt)}` : "no activity yet";
  if (!c.nextTier || c.pointsToNextTier === null) return <span>Top tier · {active}</span>;
  const done = Math.max(0, Math.min(1, c.qualifyingPoints / c.nextTier.minPoints));
  return (
    <span className="block">
      <span className="block">
        {formatPoints(c.pointsToNextTier)} pts to {c.nextTier.name}
      </span>
      <span className="mt-1.5 block h-1.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label={`Progress to ${c.nextTier.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(done * 100)}>
        <span className="block h-full rounded-full bg-brand-600" style={{ width: `${done * 100}%` }} />
      </span>
      <span className="mt-1 block">{active}</span>
    </span>
  );
}
