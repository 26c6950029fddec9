"use client";
// Redemptions newest first, of one reward, one customer or the whole business: who, when, the
// points, the code handed out and whether it still stands. Staff and owners may cancel one.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatDateTime, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { CancelRedemptionDialog, type CancellableRedemption } from "./cancel-redemption-dialog";
import { Pager } from "@/components/ui/pager";

type Props = { rewardId?: string; customerId?: string };

const customerLabel = (c: { name: string | null; email: string | null; erased: boolean }) => (c.erased ? "Erased customer" : (c.name ?? c.email ?? "Unnamed customer"));

export function RedemptionsTable({ rewardId, customerId }: Props) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [cancelling, setCancelling] = useState<CancellableRedemption | null>(null);
  const list = useQuery({ ...trpc.rewards.redemptions.queryOptions({ rewardId, customerId, page, perPage: 20 }), placeholderData: keepPreviousData });
  if (list.isPending) return <TableSkeleton rows={3} />;
  if (list.error) return <ErrorState message={list.error.message} />;
  if (list.data.items.length === 0) return <EmptyState title="No redemptions yet" description="Rewards redeemed at the counter or through the API show up here." />;
  const { totalPages } = list.data.pagination;
  // What was redeemed and when share a cell (as in the history), so the table fits beside the
  // history on a customer's page; the customer column shows where it isn't implied.
  const columns = [{ label: rewardId ? "When" : "Reward" }, ...(customerId ? [] : [{ label: "Customer" }]), { label: "Points", align: "right" as const }, { label: "Code" }, { label: "Status" }, { label: "" }];
  return (
    <div className="-mx-5 -my-5 overflow-x-auto">
      <SimpleTable columns={columns} dense>
        {list.data.items.map((r) => (
          <tr key={r.id} data-testid="redemption-row">
            <td className="max-w-[14rem] px-4 py-2.5">
              {!rewardId && <span className="block truncate font-medium text-slate-900">{r.rewardTitle}</span>}
              <span className={`block whitespace-nowrap ${rewardId ? "text-slate-600" : "text-xs text-slate-500"}`}>{formatDateTime(r.createdAt)}</span>
            </td>
            {!customerId && (
              <td className="max-w-[12rem] truncate px-4 py-2.5">
                {r.customer.erased ? customerLabel(r.customer) : <Link href={`/customers/${r.customerId}`} className="font-medium text-brand-700 hover:underline">{customerLabel(r.customer)}</Link>}
              </td>
            )}
            <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">{formatPoints(r.points)}</td>
            <td className="whitespace-nowrap px-4 py-2.5 font-mono text-xs" data-testid="redemption-code">{r.couponCode ?? "—"}</td>
            <td className="whitespace-nowrap px-4 py-2.5" title={r.cancelledAt ? `Cancelled ${formatDateTime(r.cancelledAt)}${r.cancelReason ? `: ${r.cancelReason}` : ""}` : undefined}>
              {r.status === "ACTIVE" ? <Pill tone="green">Active</Pill> : <Pill tone="slate">Cancelled</Pill>}
            </td>
            <td className="px-4 py-2.5 text-right">
              {r.status === "ACTIVE" && (
                <Button variant="ghost" size="sm" onClick={() => setCancelling({ id: r.id, rewardTitle: r.rewardTitle, points: r.points, couponCode: r.couponCode, customerLabel: customerLabel(r.customer) })}>
                  Cancel
                </Button>
              )}
            </td>
          </tr>
        ))}
      </SimpleTable>
      <Pager page={page} totalPages={totalPages} onPage={setPage} inTable />
      <CancelRedemptionDialog redemption={cancelling} onClose={() => setCancelling(null)} />
    </div>
  );
}
