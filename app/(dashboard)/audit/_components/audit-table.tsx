"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { Pager } from "@/components/ui/pager";

// Date inputs give whole days; `to` is inclusive for people, so the query runs to the next midnight.
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

// Each row is its sentence ("Locked Grace Hopper", linking to her), then when, who and the
// action's name; the recorded details stay one click away. A list rather than a table: it reads
// the same on a phone.
export function AuditTable() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState({ action: "", person: "", from: "", to: "" });
  const [page, setPage] = useState(1);
  const audit = useQuery({
    ...trpc.audit.list.queryOptions({
      page,
      action: filters.action || undefined,
      person: filters.person || undefined,
      from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
      to: filters.to ? nextDay(filters.to) : undefined,
    }),
    placeholderData: keepPreviousData,
  });
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => (setFilters((f) => ({ ...f, [key]: e.target.value })), setPage(1));
  return (
    <>
      <PageHeader title="Audit log" description="Who changed what: points adjustments and reversals, locks, keys, roles and settings." />
      <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Select aria-label="Action" value={filters.action} onChange={set("action")}>
          <option value="">All actions</option>
          <option value="points.*">All points changes</option>
          {audit.data?.actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
        <Select aria-label="Person" value={filters.person} onChange={set("person")}>
          <option value="">Everyone</option>
          {audit.data?.people.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
        <Input type="date" aria-label="From" value={filters.from} onChange={set("from")} />
        <Input type="date" aria-label="To" value={filters.to} onChange={set("to")} />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        {audit.isPending ? (
          <TableSkeleton />
        ) : audit.error ? (
          <div className="p-4"><ErrorState message={audit.error.message} /></div>
        ) : audit.data.items.length === 0 ? (
          <div className="p-4"><EmptyState title="Nothing recorded" description="No audit entries match these filters." /></div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {audit.data.items.map((row) => (
              <li key={row.id} data-testid="audit-row" className="px-4 py-3">
                <p className="break-words text-sm text-slate-900">
                  {row.targetHref && row.targetName ? <Summary text={row.summary} name={row.targetName} href={row.targetHref} /> : row.summary}
                </p>
                <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
                  <span>{formatDateTime(row.createdAt)}</span>
                  <span>by {row.actorName}</span>
                  <Pill tone="blue">{row.action}</Pill>
                  {row.details != null && (
                    <details className="w-full">
                      <summary className="cursor-pointer select-none">Details</summary>
                      <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-600">
                        {JSON.stringify(row.details, null, 2)}
                      </pre>
                    </details>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {audit.data && <Pager page={page} totalPages={audit.data.pagination.totalPages} onPage={setPage} />}
    </>
  );
}

// The sentence with its target's name as the link (the first mention), the rest as text.
function Summary({ text, name, href }: { text: string; name: string; href: string }) {
  const at = text.indexOf(name);
  if (at < 0) return <Link href={href} className="hover:underline">{text}</Link>;
  return (
    <>
      {text.slice(0, at)}
      <Link href={href} className="font-medium text-blue-700 hover:underline">{name}</Link>
      {text.slice(at + name.length)}
    </>
  );
}
