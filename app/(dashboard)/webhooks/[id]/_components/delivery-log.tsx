"use client";
// The endpoint's deliveries, newest first: what was sent, how it went, what happens next, and
// each attempt on request. Refreshes by itself while something is still on its way.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { AttemptHistory } from "./attempt-history";

const STATUSES = ["PENDING", "DELIVERED", "FAILED"] as const;
type Status = (typeof STATUSES)[number];
const TONE = { PENDING: "amber", DELIVERED: "green", FAILED: "red" } as const;
const PER_PAGE = 20;
const REFRESH_MS = 5_000;

const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();
// Short enough for a table that has to fit nine columns: the year only when it isn't this one.
const when = (date: Date) =>
  date.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", year: date.getFullYear() === new Date().getFullYear() ? undefined : "numeric" });
const cell = "px-4 py-2.5";

export function DeliveryLog({ endpointId, active }: { endpointId: string; active: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | "">("");
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const log = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({ id: endpointId, status: status || undefined, page, perPage: PER_PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.data.some((d) => d.status === "PENDING") ? REFRESH_MS : false),
  });
  const resend = useMutation(
    trpc.webhooks.resend.mutationOptions({
      onSuccess: () => (toast.success("Queued again: the new delivery is at the top of the log"), void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() })),
      onError: (error) => toast.error(error.message),
    }),
  );
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
      ) : log.data.data.length === 0 ? (
        <EmptyState title="No deliveries" description={status ? "None with this status." : "Events sent to this endpoint show up here. Send a test event to try it."} />
      ) : (
        <div className="-mx-5 -my-5">
          <div className="overflow-x-auto" data-testid="delivery-log">
            <SimpleTable columns={[{ label: "Event" }, { label: "Kind" }, { label: "Status" }, { label: "Attempts" }, { label: "Code" }, { label: "Duration", align: "right" }, { label: "Error" }, { label: "Next attempt" }, { label: "" }]} dense>
              {log.data.data.map((d) => {
                const last = d.attemptLog.at(-1);
                return (
                  <Fragment key={d.id}>
                    <tr data-testid="delivery-row">
                      <td className={cell}>
                        <span className="block whitespace-nowrap font-mono text-xs">{d.eventType}</span>
                        <span className="block whitespace-nowrap text-xs text-slate-400">{when(d.eventCreatedAt)}</span>
                      </td>
                      <td className={cell}><Pill>{label(d.kind)}</Pill></td>
                      <td className={cell}><Pill tone={TONE[d.status as Status] ?? "slate"}>{label(d.status)}</Pill></td>
                      <td className={cell}>
                        <button
                          type="button"
                          className="inline-flex items-center gap-1 rounded-md px-2 py-1 tabular-nums text-slate-700 hover:bg-slate-100 disabled:cursor-default disabled:hover:bg-transparent"
                          aria-expanded={open === d.id}
                          aria-label={`${open === d.id ? "Hide" : "Show"} attempts (${d.attempts})`}
                          disabled={d.attemptLog.length === 0}
                          onClick={() => setOpen(open === d.id ? null : d.id)}
                        >
                          {d.attempts}
                          {d.attemptLog.length > 0 && <span aria-hidden className="text-xs text-slate-400">{open === d.id ? "▴" : "▾"}</span>}
                        </button>
                      </td>
                      <td className={`${cell} tabular-nums`}>{d.lastStatusCode ?? "—"}</td>
                      <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>{last ? `${last.durationMs} ms` : "—"}</td>
                      <td className={`${cell} max-w-[14rem]`}>
                        <span className="block truncate text-red-700" title={d.lastError ?? undefined}>{d.lastError ?? ""}</span>
                      </td>
                      <td className={`${cell} whitespace-nowrap`}>{d.status === "PENDING" ? when(d.nextAttemptAt ?? d.createdAt) : "—"}</td>
                      <td className={`${cell} whitespace-nowrap text-right`}>
                        <Button variant="secondary" size="sm" disabled={!active || resend.isPending} title={active ? undefined : "Enable the endpoint first"} onClick={() => resend.mutate({ id: endpointId, deliveryId: d.id })}>
                          Resend
                        </Button>
                      </td>
                    </tr>
                    {open === d.id && (
                      <tr>
                        <td colSpan={9} className="bg-slate-50 px-4 py-3">
                          <AttemptHistory attempts={d.attemptLog} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </SimpleTable>
          </div>
          {pages > 1 && (
            <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-xs text-slate-500">
              <span>Page {page} of {pages}</span>
              <div className="flex gap-2">
                <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Previous</Button>
                <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>Next</Button>
              </div>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
