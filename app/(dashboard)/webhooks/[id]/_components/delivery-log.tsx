"use client";
// The endpoint's deliveries, newest first: what was sent, how it went, what happens next, and
// each attempt on request. Refreshes by itself while something is still on its way.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { SimpleTable, type Column } from "@/components/ui/simple-table";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import type { PublicDelivery } from "@/server/webhooks/list-webhook-deliveries";
import { DeliveryCard, DeliveryRow, type ItemProps } from "./delivery-items";
import { Pager } from "@/components/ui/pager";

const STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;
type Status = (typeof STATUSES)[number];
const COLUMNS: Column[] = ["Event", "Kind", "Status", "Attempts", "Code", "Duration", "Error", "Next attempt", ""].map((label) => ({ label, align: label === "Duration" ? "right" : undefined }));
const PER_PAGE = 20;
const REFRESH_MS = 5_000;

const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();

export function DeliveryLog({ endpointId, active }: { endpointId: string; active: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | "">("");
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const log = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({ id: endpointId, status: status || undefined, page, perPage: PER_PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === "PENDING") ? REFRESH_MS : false),
  });
  const resend = useMutation(
    trpc.webhooks.resend.mutationOptions({
      onSuccess: () => (toast.success("Queued again: the new delivery is at the top of the log"), void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() })),
      onError: (error) => toast.error(error.message),
    }),
  );
  const item = (d: PublicDelivery): ItemProps => ({
    d,
    open: open === d.id,
    onToggle: () => setOpen(open === d.id ? null : d.id),
    canResend: active && !resend.isPending,
    onResend: () => resend.mutate({ id: endpointId, deliveryId: d.id }),
  });
  const filter = (
    <Select aria-label="Filter by status" value={status} onChange={(e) => (setStatus(e.target.value as Status | ""), setPage(1))} className="w-36">
      <option value="">All statuses</option>
      {STATUSES.map((s) => <option key={s} value={s}>{label(s)}</option>)}
    </Select>
  );
  const pages = log.data?.pagination.totalPages ?? 0;
  return (
    <Card title="Delivery log" action={filter}>
      {log.isPending ? (
        <TableSkeleton />
      ) : log.error ? (
        <ErrorState message={log.error.message} />
      ) : log.data.items.length === 0 ? (
        <EmptyState title="No deliveries" description={status ? "None with this status." : "Events sent to this endpoint show up here. Send a test event to try it."} />
      ) : (
        <div className="-mx-5 -my-5">
          <div className="hidden overflow-x-auto sm:block" data-testid="delivery-log">
            <SimpleTable columns={COLUMNS} dense>
              {log.data.items.map((d) => <DeliveryRow key={d.id} {...item(d)} />)}
            </SimpleTable>
          </div>
          <ul className="divide-y divide-slate-100 sm:hidden">
            {log.data.items.map((d) => <DeliveryCard key={d.id} {...item(d)} />)}
          </ul>
          <Pager page={page} totalPages={pages} onPage={setPage} inTable />
        </div>
      )}
    </Card>
  );
}
