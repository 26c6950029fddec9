"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { ScrollBox } from "@/components/ui/scroll-box";
import { SimpleTable } from "@/components/ui/simple-table";
import { Pager } from "@/components/ui/pager";

// Date inputs give whole days; `to` is inclusive for people, so the query runs to the next midnight.
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

export function AuditTable() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState({ action: "", from: "", to: "" });
  const [page, setPage] = useState(1);
  const audit = useQuery({
    ...trpc.audit.list.queryOptions({
      page,
      action: filters.action || undefined,
      from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
      to: filters.to ? nextDay(filters.to) : undefined,
    }),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => (setFilters((f) => ({ ...f, [key]: e.target.value })), setPage(1));
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what: adjustments, locks, keys, roles and settings." />
      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <Select aria-label="Action" value={filters.action} onChange={set("action")}>
          <option value="">All actions</option>
          {audit.data?.actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
        <Input type="date" aria-label="From" value={filters.from} onChange={set("from")} />
        <Input type="date" aria-label="To" value={filters.to} onChange={set("to")} />
      </div>
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {audit.isPending ? (
          <TableSkeleton />
        ) : audit.error ? (
          <div className="p-4"><ErrorState message={audit.error.message} /></div>
        ) : audit.data.items.length === 0 ? (
          <div className="p-4"><EmptyState title="Nothing recorded" description="No audit entries match these filters." /></div>
        ) : (
          <ScrollBox label="Audit log">
            <SimpleTable columns={[{ label: "When" }, { label: "Action" }, { label: "By" }, { label: "Details" }]}>
                {audit.data.items.map((row) => (
                  <tr key={row.id} data-testid="audit-row">
                    <td className="whitespace-nowrap px-4 py-3 text-slate-500">{formatDateTime(row.createdAt)}</td>
                    <td className="px-4 py-3"><Pill tone="blue">{row.action}</Pill></td>
                    <td className="px-4 py-3">{row.actorName ?? (row.actorType === "API_KEY" ? "API key" : row.actorType.toLowerCase())}</td>
                    <td className="max-w-md truncate px-4 py-3 font-mono text-xs text-slate-500" title={JSON.stringify(row.details)}>
                      {row.details ? JSON.stringify(row.details) : "—"}
                    </td>
                  </tr>
                ))}
              </SimpleTable>
          </ScrollBox>
        )}
      </div>
      {audit.data && <Pager page={page} totalPages={audit.data.pagination.totalPages} onPage={setPage} />}
    </>
  );
}
