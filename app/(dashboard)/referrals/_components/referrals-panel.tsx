"use client";
// Who referred whom, newest first, paged and filtered on the server. Read-only: referrals are
// made through the API (or an order carrying a code) and completed by the referee's first order.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatDate, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";

const PER_PAGE = 25;
type Status = "" | "PENDING" | "COMPLETED";
type Person = { id: string; name: string | null; email: string | null; phone: string | null } | null;

const label = (p: Person, fallback: string) => p?.name ?? p?.email ?? p?.phone ?? fallback;

function PersonCell({ person, fallback }: { person: Person; fallback: string }) {
  if (!person) return <span className="text-slate-500">{fallback}</span>;
  return (
    <Link href={`/customers/${person.id}`} className="font-medium text-brand-700 hover:underline">
      {label(person, "(erased)")}
    </Link>
  );
}

const StatusPill = ({ status }: { status: string }) => (status === "COMPLETED" ? <Pill tone="green">Completed</Pill> : <Pill tone="amber">Pending</Pill>);

export function ReferralsPanel() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status>("");
  const [page, setPage] = useState(1);
  const referrals = useQuery({ ...trpc.referrals.list.queryOptions({ status: status || undefined, page, perPage: PER_PAGE }), placeholderData: keepPreviousData });
  const pagination = referrals.data?.pagination;
  return (
    <>
      <PageHeader
        title="Referrals"
        description="Customers who brought in someone new. A referral completes with the new customer's first qualifying order, crediting both sides the points set in Settings."
      />
      <div className="mb-4">
        <Select aria-label="Status" value={status} onChange={(e) => (setStatus(e.target.value as Status), setPage(1))} className="sm:w-48">
          <option value="">Any status</option>
          <option value="PENDING">Pending</option>
          <option value="COMPLETED">Completed</option>
        </Select>
      </div>
      <div className={`overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm ${referrals.isFetching ? "opacity-80" : ""}`}>
        {referrals.isPending ? (
          <TableSkeleton rows={5} />
        ) : referrals.error ? (
          <div className="p-4"><ErrorState message={referrals.error.message} /></div>
        ) : referrals.data.items.length === 0 ? (
          <div className="p-4">
            <EmptyState
              title={status ? "No referrals match" : "No referrals yet"}
              description="Referrals come in through POST /api/v1/referrals, or with an order that carries a customer's referral code."
            />
          </div>
        ) : (
          <>
            {/* Phones: one card per referral; wider screens: the table. */}
            <ul className="divide-y divide-slate-100 sm:hidden">
              {referrals.data.items.map((r) => (
                <li key={r.id} data-testid="referral-card" className="space-y-1 px-4 py-3 text-sm">
                  <div className="flex items-center justify-between gap-2">
                    <StatusPill status={r.status} />
                    <span className="text-xs text-slate-500">{formatDate(r.createdAt)}{r.completedAt && ` → ${formatDate(r.completedAt)}`}</span>
                  </div>
                  <div className="truncate">
                    <PersonCell person={r.referrerCustomer} fallback="—" /> <span className="text-slate-500">referred</span>{" "}
                    <PersonCell person={r.refereeCustomer} fallback={r.referee.email ?? r.referee.phone ?? "(erased)"} />
                  </div>
                  {r.status === "COMPLETED" && (
                    <div className="text-xs text-slate-600">{formatPoints(r.referrerPoints)} pts to the referrer, {formatPoints(r.refereePoints)} to the new customer</div>
                  )}
                </li>
              ))}
            </ul>
            <div className="hidden overflow-x-auto sm:block">
              <SimpleTable columns={[{ label: "Status" }, { label: "Referrer" }, { label: "Referee" }, { label: "Made" }, { label: "Completed" }, { label: "Points (referrer + referee)", align: "right" }]}>
                {referrals.data.items.map((r) => (
                  <tr key={r.id} data-testid="referral-row">
                    <td className="px-4 py-3"><StatusPill status={r.status} /></td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <PersonCell person={r.referrerCustomer} fallback="—" />
                      {r.code && <div className="font-mono text-xs text-slate-500">{r.code}</div>}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <PersonCell person={r.refereeCustomer} fallback={r.referee.email ?? r.referee.phone ?? "(erased)"} />
                      <div className="text-xs text-slate-500">{r.source === "ORDER" ? "by order code" : "by API"}</div>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDate(r.createdAt)}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">{r.completedAt ? formatDate(r.completedAt) : "—"}</td>
                    <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                      {r.status === "COMPLETED" ? `${formatPoints(r.referrerPoints)} + ${formatPoints(r.refereePoints)}` : "—"}
                    </td>
                  </tr>
                ))}
              </SimpleTable>
            </div>
          </>
        )}
      </div>
      {pagination && <Pager page={page} totalPages={pagination.totalPages} onPage={setPage} />}
    </>
  );
}
