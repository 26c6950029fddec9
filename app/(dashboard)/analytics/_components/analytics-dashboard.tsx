"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatMoney, formatPercent, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { defaultRange } from "@/server/analytics/analytics-range";
import { LiabilityChart, PointsFlowChart } from "./analytics-charts";

export function AnalyticsDashboard() {
  const trpc = useTRPC();
  const [range, setRange] = useState(() => defaultRange());
  const valid = range.from !== "" && range.to !== "" && range.from <= range.to;
  const summary = useQuery({ ...trpc.analytics.summary.queryOptions(range, { enabled: valid }), placeholderData: keepPreviousData });
  const d = summary.data;
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Points outstanding, how they move, and who holds them."
        actions={
          <div className="flex items-center gap-2">
            <Input type="date" aria-label="From" value={range.from} max={range.to} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
            <span className="text-slate-400">–</span>
            <Input type="date" aria-label="To" value={range.to} min={range.from} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
          </div>
        }
      />
      {summary.error && <ErrorState message={summary.error.message} />}
      {!d ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-28" />)}
        </div>
      ) : (
        <div className={`space-y-6 transition-opacity ${summary.isFetching ? "opacity-70" : ""}`}>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Point liability" value={formatPoints(d.liability.points)} sub={`${formatMoney(d.liability.money, d.currency)} at today's point value`} testId="liability-points" />
            <Stat label="Earned in range" value={formatPoints(d.totals.earned)} sub={`${formatPoints(d.totals.redeemed)} redeemed · ${formatPoints(d.totals.expired)} expired`} testId="earned-total" />
            <Stat label="Redemption rate" value={formatPercent(d.redemptionRate)} sub={`Breakage (expired): ${formatPercent(d.breakageRate)}`} testId="redemption-rate" />
            <Stat label="Active customers" value={formatPoints(d.customers.active)} sub={`of ${formatPoints(d.customers.total)} enrolled`} testId="active-customers" />
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Earned, redeemed and expired per day">
              <PointsFlowChart data={d.daily} />
            </Card>
            <Card title="Liability trend (points outstanding at end of day)">
              <LiabilityChart data={d.daily} />
            </Card>
          </div>
          <Card title="Top customers by balance">
            {d.topCustomers.length === 0 ? (
              <EmptyState title="No balances yet" description="Customers appear here once they hold points." />
            ) : (
              <ol className="divide-y divide-slate-100">
                {d.topCustomers.map((c, i) => (
                  <li key={c.id} className="flex items-center gap-3 py-2.5 text-sm" data-testid="top-customer">
                    <span className="w-6 text-slate-400 tabular-nums">{i + 1}</span>
                    <Link href={`/customers/${c.id}`} className="flex-1 truncate font-medium text-slate-900 hover:text-brand-600">
                      {c.name ?? c.email ?? "Unnamed customer"}
                    </Link>
                    <span className="hidden text-xs text-slate-500 sm:inline">{c.tier ?? ""}</span>
                    <span className="w-28 text-right font-semibold tabular-nums">{formatPoints(c.balance)} pts</span>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
