"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatMoney, formatPercent, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { SimpleTable } from "@/components/ui/simple-table";
import { CampaignPointsCard } from "../../campaigns/_components/campaign-points-card";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { defaultRange, MAX_RANGE_DAYS, QUICK_RANGES, quickRange, rangeDays, RANGE_TOO_LONG } from "@/server/analytics/analytics-range";
import { LiabilityChart, PointsFlowChart } from "./analytics-charts";

export function AnalyticsDashboard() {
  const trpc = useTRPC();
  const [range, setRange] = useState(() => defaultRange());
  const [storeId, setStoreId] = useState("");
  const complete = range.from !== "" && range.to !== "";
  // Said here at once instead of after a round trip; the server refuses the same ranges.
  const rangeError = !complete ? null : range.from > range.to ? "The start date must be on or before the end date." : rangeDays(range) > MAX_RANGE_DAYS ? `${RANGE_TOO_LONG[0]!.toUpperCase()}${RANGE_TOO_LONG.slice(1)}.` : null;
  const valid = complete && rangeError === null;
  const input = { ...range, ...(storeId && { storeId }) };
  const summary = useQuery({ ...trpc.analytics.summary.queryOptions(input, { enabled: valid }), placeholderData: keepPreviousData });
  const d = summary.data;
  const store = d?.stores.find((s) => s.id === storeId);
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Points outstanding, how they move, and who holds them."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <div role="group" aria-label="Quick ranges" className="flex flex-wrap gap-1">
              {QUICK_RANGES.map(({ key, label }) => {
                const r = quickRange(key);
                const current = r.from === range.from && r.to === range.to;
                return (
                  <button
                    key={key}
                    type="button"
                    aria-pressed={current}
                    onClick={() => setRange(r)}
                    className={`rounded-lg px-2.5 py-1.5 text-xs font-medium ring-1 ring-inset ${current ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
                  >
                    {label}
                  </button>
                );
              })}
            </div>
            {d && d.stores.length > 0 && (
              <Select aria-label="Store" className="w-auto" value={storeId} onChange={(e) => setStoreId(e.target.value)} data-testid="store-filter">
                <option value="">All stores</option>
                {d.stores.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.active ? "" : " (closed)"}
                  </option>
                ))}
              </Select>
            )}
            <Input type="date" aria-label="From" className="w-auto" value={range.from} max={range.to} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
            <span className="text-slate-400">–</span>
            <Input type="date" aria-label="To" className="w-auto" value={range.to} min={range.from} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
          </div>
        }
      />
      {rangeError ? <ErrorState message={rangeError} /> : summary.error && <ErrorState message={readable(summary.error.message)} />}
      {!d ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-28" />)}
        </div>
      ) : (
        <div className={`space-y-6 transition-opacity ${summary.isFetching ? "opacity-70" : ""}`}>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Point liability" value={formatPoints(d.liability.points)} sub={`${formatMoney(d.liability.money, d.currency)} at today's point value`} testId="liability-points" />
            <Stat label={store ? `Earned at ${store.name}` : "Earned in range"} value={formatPoints(d.totals.earned)} sub={`${formatPoints(d.totals.redeemed)} redeemed · ${formatPoints(d.totals.expired)} expired`} testId="earned-total" />
            <Stat label="Redemption rate" value={formatPercent(d.redemptionRate)} sub={`Breakage (expired): ${formatPercent(d.breakageRate)}`} testId="redemption-rate" />
            <Stat label="Active customers" value={formatPoints(d.customers.active)} sub={`of ${formatPoints(d.customers.total)} enrolled`} testId="active-customers" />
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Earned, redeemed and expired per day">
              <PointsFlowChart data={d.daily} />
            </Card>
            <Card title="Liability trend (points outstanding at end of day, pending included; whole business)">
              <LiabilityChart data={d.daily} />
            </Card>
          </div>
          {d.stores.length > 0 && (
            <Card title="Stores in this range">
              <div className="-mx-4 overflow-x-auto">
                <SimpleTable
                  dense
                  columns={[{ label: "Store" }, { label: "Transactions", align: "right" }, { label: "Earned", align: "right" }, { label: "Redeemed", align: "right" }, { label: "Customers", align: "right" }]}
                >
                  {d.stores.map((s) => (
                    <tr key={s.id} data-testid="store-row" className={s.id === storeId ? "bg-brand-50" : undefined}>
                      <td className="px-4 py-2.5">
                        <button type="button" className="text-left font-medium text-slate-900 hover:text-brand-600" onClick={() => setStoreId(s.id === storeId ? "" : s.id)}>
                          {s.name}
                        </button>
                        <span className="ml-2 font-mono text-xs text-slate-500">{s.code}</span>
                        {!s.active && <span className="ml-2 text-xs text-slate-500">closed</span>}
                      </td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(s.transactions)}</td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(s.earned)}</td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(s.redeemed)}</td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(s.customers)}</td>
                    </tr>
                  ))}
                </SimpleTable>
              </div>
            </Card>
          )}
          <CampaignPointsCard campaigns={d.campaigns} />
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

// The server's sentences start lower-case after the field they are about ("to: a range ...").
function readable(message: string): string {
  const sentence = message.replace(/^(from|to|storeId): /, "");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}
