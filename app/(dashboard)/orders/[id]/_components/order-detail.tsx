"use client";
// One order: who bought it, its amounts and points, the lines with the points each earned, the
// refunds so far, the ledger entries it wrote; and the refund form and status moves.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime, formatMoney, formatPoints, formatSignedPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Card, Stat } from "@/components/ui/card";
import { ScrollBox } from "@/components/ui/scroll-box";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState, Pill, Skeleton } from "@/components/ui/states";
import { customerLabel, OrderStatusPill } from "../../_components/order-status";
import { RefundCard } from "./refund-card";
import { StatusActions } from "./status-actions";

export function OrderDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const order = useQuery(trpc.orders.get.queryOptions({ id }));
  if (order.isPending) return <div className="space-y-4"><Skeleton className="h-10 w-64" /><Skeleton className="h-32" /><Skeleton className="h-64" /></div>;
  if (order.error) {
    return order.error.data?.code === "NOT_FOUND" ? (
      <EmptyState title="Order not found" description="It may belong to another business." action={<Link href="/orders" className="text-sm font-medium text-brand-600">Back to orders</Link>} />
    ) : (
      <ErrorState message={order.error.message} />
    );
  }
  const o = order.data;
  const money = (minor: number) => formatMoney(minor, o.currency);
  const total = o.subtotal - o.discount + o.shipping + o.tax;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <Link href="/orders" className="text-sm text-slate-500 hover:text-slate-900">← Orders</Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            <span className="min-w-0 break-all">Order {o.externalId}</span>
            <OrderStatusPill status={o.status} />
          </h1>
          <p className="mt-1 text-sm text-slate-500" data-testid="order-customer">
            {o.customer.erased ? (
              <span className="italic">Erased customer</span>
            ) : (
              <Link href={`/customers/${o.customer.id}`} className="font-medium text-brand-600 hover:underline">{customerLabel(o.customer)}</Link>
            )}
            {" · placed "}{formatDateTime(o.placedAt)}
            {o.store && ` · ${o.store.name} (${o.store.code})`}
            {o.referralCode && ` · referral ${o.referralCode}`}
          </p>
        </div>
        <StatusActions order={o} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Total" value={money(total)} sub={`${money(o.subtotal)} goods − ${money(o.discount)} discount + ${money(o.shipping)} shipping + ${money(o.tax)} tax`} />
        <Stat label="Refunded" value={money(o.amountRefunded)} sub={`${money(total - o.amountRefunded)} left to refund`} testId="order-refunded" />
        <Stat
          label="Points awarded"
          value={formatPoints(o.pointsAwarded)}
          sub={o.awardEntryId || o.pointsAwarded > 0 ? `earns ${formatPoints(o.points)} before the tier multiplier, on ${money(o.eligibleAmount)}` : `${formatPoints(o.points)} when the order is paid or fulfilled (per the program)`}
          testId="order-points-awarded"
        />
        <Stat
          label="Points taken back"
          value={formatPoints(o.pointsRefunded)}
          sub={o.pointsUnrecovered > 0 ? `${formatPoints(o.pointsUnrecovered)} unrecovered: already spent` : "nothing unrecovered"}
          testId="order-points-refunded"
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Lines">
            <ScrollBox label="Order lines" className="-mx-5 -my-5">
              <SimpleTable dense columns={[{ label: "Product" }, { label: "Qty", align: "right" }, { label: "Price", align: "right" }, { label: "Line", align: "right" }, { label: "Eligible", align: "right" }, { label: "Points", align: "right" }, { label: "Refunded", align: "right" }]}>
                {o.items?.map((line, i) => (
                  <tr key={i} data-testid="order-line">
                    <td className="max-w-[14rem] px-4 py-2.5">
                      <span className="block truncate">{line.productExternalId}</span>
                      {line.excluded && <Pill tone="slate">excluded from earning</Pill>}
                    </td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{line.quantity}</td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">{money(line.unitPrice)}</td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">{money(line.lineTotal)}</td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">{money(line.eligibleAmount)}</td>
                    <td className="px-4 py-2.5 text-right font-medium tabular-nums">{formatPoints(line.points)}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{line.quantityRefunded > 0 ? `${line.quantityRefunded} of ${line.quantity}` : "—"}</td>
                  </tr>
                ))}
              </SimpleTable>
            </ScrollBox>
          </Card>
          <Card title="Refunds">
            {o.refunds.length === 0 ? (
              <p className="text-sm text-slate-500">No refunds.</p>
            ) : (
              <ScrollBox label="Refunds" className="-mx-5 -my-5">
                <SimpleTable dense columns={[{ label: "When" }, { label: "Amount", align: "right" }, { label: "Items" }, { label: "Points taken", align: "right" }, { label: "Unrecovered", align: "right" }]}>
                  {o.refunds.map((r) => (
                    <tr key={r.id} data-testid="refund-row">
                      <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{formatDateTime(r.createdAt)}</td>
                      <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">{money(r.amount)}</td>
                      <td className="max-w-[14rem] truncate px-4 py-2.5 text-slate-600">{r.items ? r.items.map((i) => `${i.quantity} × ${i.productExternalId}`).join(", ") : "by amount"}</td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(r.pointsTaken)}</td>
                      <td className={`px-4 py-2.5 text-right tabular-nums ${r.pointsUnrecovered > 0 ? "text-amber-700" : ""}`}>{formatPoints(r.pointsUnrecovered)}</td>
                    </tr>
                  ))}
                </SimpleTable>
              </ScrollBox>
            )}
          </Card>
          <Card title="Ledger entries">
            {o.entries.length === 0 ? (
              <p className="text-sm text-slate-500">None yet: the points are written when the order is paid or fulfilled (per the program).</p>
            ) : (
              <ScrollBox label="Ledger entries" className="-mx-5 -my-5">
                <SimpleTable dense columns={[{ label: "When" }, { label: "Type" }, { label: "Description" }, { label: "Points", align: "right" }, { label: "Balance", align: "right" }]}>
                  {o.entries.map((e) => (
                    <tr key={e.id} data-testid="order-entry">
                      <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{formatDateTime(e.createdAt)}</td>
                      <td className="px-4 py-2.5"><Pill>{e.type.toLowerCase()}</Pill></td>
                      <td className="max-w-[16rem] truncate px-4 py-2.5">{e.description ?? "—"}</td>
                      <td className="px-4 py-2.5 text-right font-medium tabular-nums">{formatSignedPoints(e.points)}</td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{formatPoints(e.balanceAfter)}</td>
                    </tr>
                  ))}
                </SimpleTable>
              </ScrollBox>
            )}
          </Card>
        </div>
        {/* First on a phone, as the customer page's redeem and adjust cards: the action, then the detail. */}
        <div className="order-first min-w-0 space-y-6 lg:order-none">
          <RefundCard order={o} />
        </div>
      </div>
    </div>
  );
}
