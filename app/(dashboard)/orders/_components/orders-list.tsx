"use client";

// The order list: search (order id, customer name or email), status, the days placed, paged on
// the server. A table from md up; on phones each order is a card, so nothing scrolls sideways.
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { formatDate, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { SimpleTable } from "@/components/ui/simple-table";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { Buyer, Money, Points } from "./order-cells";
import { OrderStatusPill, type OrderStatus } from "./order-status";

const PER_PAGE = 25;
const link = "inline-flex items-center rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50";


export function OrdersList({ canExport }: { canExport: boolean }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<"" | OrderStatus>("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [page, setPage] = useState(1);
  const deferredSearch = useDeferredValue(search);
  const rangeOk = !from || !to || from <= to;
  const filters = { search: deferredSearch.trim() || undefined, status: status || undefined, from: from || undefined, to: (rangeOk && to) || undefined };
  const orders = useQuery({ ...trpc.orders.list.queryOptions({ ...filters, page, perPage: PER_PAGE }), placeholderData: keepPreviousData });
  const filtered = Boolean(filters.search || filters.status || filters.from || filters.to);
  const pagination = orders.data?.pagination;
  const exportHref = `/orders/export?${new URLSearchParams(Object.entries({ from: filters.from, to: filters.to }).filter((e): e is [string, string] => Boolean(e[1])))}`;
  const reset = <T,>(set: (v: T) => void) => (v: T) => (set(v), setPage(1));

  return (
    <>
      <PageHeader
        title="Orders"
        description={pagination ? `${formatPoints(pagination.total)} orders${filtered ? " match" : ""}` : "Orders your shop sent, with the points they earned."}
        actions={canExport && <a href={exportHref} className={link} data-testid="orders-export" title="The orders placed in the chosen days (all when none), one row per line">Export CSV</a>}
      />
      <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_11rem_21rem]">
        <Field label="Search">
          <Input type="search" placeholder="Order id, customer name or email…" aria-label="Search orders" value={search} onChange={(e) => reset(setSearch)(e.target.value)} />
        </Field>
        <Field label="Status">
          <Select aria-label="Status" value={status} onChange={(e) => reset(setStatus)(e.target.value as typeof status)}>
            <option value="">All statuses</option>
            <option value="PENDING">Pending</option>
            <option value="PAID">Paid</option>
            <option value="FULFILLED">Fulfilled</option>
            <option value="CANCELLED">Cancelled</option>
          </Select>
        </Field>
        {/* UTC days, both included: the same days the export takes. */}
        <div className="grid grid-cols-2 gap-3 sm:col-span-2 lg:col-span-1">
          <Field label="Placed from">
            <Input type="date" value={from} max={to || undefined} onChange={(e) => reset(setFrom)(e.target.value)} data-testid="orders-from" />
          </Field>
          <Field label="Placed to">
            <Input type="date" value={to} min={from || undefined} onChange={(e) => reset(setTo)(e.target.value)} data-testid="orders-to" />
          </Field>
        </div>
      </div>
      {!rangeOk && <p className="mb-3 text-sm text-red-600">The end date is before the start date.</p>}
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {orders.isPending ? (
          <TableSkeleton rows={8} />
        ) : orders.error ? (
          <div className="p-4"><ErrorState message={orders.error.message} /></div>
        ) : orders.data.items.length === 0 ? (
          <div className="p-4">
            <EmptyState
              title={filtered ? "No orders match" : "No orders yet"}
              description={filtered ? "Try a different search, status or dates." : "Orders appear here when your shop sends them to POST /api/v1/orders."}
            />
          </div>
        ) : (
          <div className={`transition-opacity ${orders.isFetching ? "opacity-60" : ""}`}>
            <div className="hidden md:block">
              <SimpleTable columns={[{ label: "Order" }, { label: "Customer" }, { label: "Placed" }, { label: "Status" }, { label: "Total", align: "right" }, { label: "Points", align: "right" }]}>
                {orders.data.items.map((o) => (
                  <tr key={o.id} className="hover:bg-slate-50" data-testid="order-row">
                    <td className="max-w-[14rem] truncate px-4 py-3 font-medium">
                      <Link href={`/orders/${o.id}`} className="text-brand-600 hover:underline">{o.externalId}</Link>
                    </td>
                    <td className="max-w-[16rem] px-4 py-3"><Buyer order={o} /></td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDate(o.placedAt)}</td>
                    <td className="px-4 py-3"><OrderStatusPill status={o.status} /></td>
                    <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums"><Money order={o} /></td>
                    <td className="whitespace-nowrap px-4 py-3 text-right"><Points order={o} /></td>
                  </tr>
                ))}
              </SimpleTable>
            </div>
            <ul className="divide-y divide-slate-100 md:hidden">
              {orders.data.items.map((o) => (
                <li key={o.id} className="space-y-1.5 px-4 py-3" data-testid="order-card">
                  <div className="flex items-center justify-between gap-3">
                    <Link href={`/orders/${o.id}`} className="min-w-0 truncate font-medium text-brand-600">{o.externalId}</Link>
                    <OrderStatusPill status={o.status} />
                  </div>
                  <Buyer order={o} />
                  <div className="flex items-end justify-between gap-3 text-sm">
                    <span className="text-slate-600">{formatDate(o.placedAt)} · <Money order={o} /></span>
                    <Points order={o} />
                  </div>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {pagination && <Pager page={page} totalPages={pagination.totalPages} onPage={setPage} />}
    </>
  );
}
