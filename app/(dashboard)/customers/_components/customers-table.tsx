"use client";

// The customer list: search, status filter, server-side sort and pagination (a tenant can have
// millions of customers, so nothing is sorted or paged in the browser).
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { useDeferredValue, useState } from "react";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { customerColumns } from "./customer-columns";
import { Pager } from "@/components/ui/pager";

type SortBy = "createdAt" | "balance" | "lifetimeEarned" | "lastActivityAt" | "name";
const PER_PAGE = 25;
const columnClass = (meta: unknown) => (meta as { className?: string } | undefined)?.className ?? "";

export function CustomersTable({ canExport }: { canExport: boolean }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<"" | "ACTIVE" | "BLOCKED">("");
  const [sorting, setSorting] = useState<SortingState>([{ id: "createdAt", desc: true }]);
  const [page, setPage] = useState(1);
  const deferredSearch = useDeferredValue(search);
  const sort = sorting[0] ?? { id: "createdAt", desc: true };
  const filters = { search: deferredSearch || undefined, status: status || undefined, sortBy: sort.id as SortBy, sortOrder: sort.desc ? ("desc" as const) : ("asc" as const) };
  const customers = useQuery({ ...trpc.customers.list.queryOptions({ ...filters, page, perPage: PER_PAGE }), placeholderData: keepPreviousData });

  // TanStack Table v8 is not React Compiler safe; the compiler skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: customers.data?.items ?? [],
    columns: customerColumns,
    state: { sorting },
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    sortDescFirst: true,
    onSortingChange: (updater) => (setSorting(updater), setPage(1)),
    getCoreRowModel: getCoreRowModel(),
  });
  const exportHref = `/customers/export?${new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])))}`;
  const pagination = customers.data?.pagination;

  return (
    <>
      <PageHeader
        title="Customers"
        description={pagination ? `${formatPoints(pagination.total)} customers${filters.search || filters.status ? " match" : " enrolled"}` : "Everyone in your programme."}
        actions={
          <div className="flex gap-2">
            <Link href="/customers/new" className="inline-flex items-center rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700" data-testid="add-customer">Add customer</Link>
            {canExport && (
              <>
              <Link href="/customers/import" className="inline-flex items-center rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50" data-testid="import-customers">Import</Link>
              <a href={exportHref} className="inline-flex items-center rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50" data-testid="export-csv">Export CSV</a>
              </>
            )}
          </div>
        }
      />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row">
        <Input type="search" placeholder="Search name, email or phone…" aria-label="Search customers" value={search} onChange={(e) => (setSearch(e.target.value), setPage(1))} className="sm:max-w-sm" />
        <Select aria-label="Status" value={status} onChange={(e) => (setStatus(e.target.value as typeof status), setPage(1))} className="sm:w-44">
          <option value="">All statuses</option>
          <option value="ACTIVE">Active</option>
          <option value="BLOCKED">Locked</option>
        </Select>
      </div>
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {customers.isPending ? (
          <TableSkeleton rows={8} />
        ) : customers.error ? (
          <div className="p-4"><ErrorState message={customers.error.message} /></div>
        ) : customers.data.items.length === 0 ? (
          <div className="p-4">
            <EmptyState
              title={filters.search || filters.status ? "No customers match" : "No customers yet"}
              description={filters.search || filters.status ? "Try a different search or status." : "Customers appear here as soon as your tills or store award them points."}
            />
          </div>
        ) : (
          <div className={`overflow-x-auto transition-opacity ${customers.isFetching ? "opacity-60" : ""}`}>
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50">
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => {
                      const sorted = header.column.getIsSorted();
                      return (
                        <th key={header.id} className={`whitespace-nowrap px-3 py-3 text-left text-xs sm:px-4 font-medium uppercase tracking-wide text-slate-500 ${columnClass(header.column.columnDef.meta)}`}>
                          {header.column.getCanSort() ? (
                            <button onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                              {flexRender(header.column.columnDef.header, header.getContext())}
                              <span aria-hidden className="text-slate-400">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                            </button>
                          ) : (
                            flexRender(header.column.columnDef.header, header.getContext())
                          )}
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody className="divide-y divide-slate-100">
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id} className="hover:bg-slate-50" data-testid="customer-row">
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className={`max-w-[16rem] whitespace-nowrap px-3 py-3 sm:px-4 ${columnClass(cell.column.columnDef.meta)}`}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {pagination && <Pager page={page} totalPages={pagination.totalPages} onPage={setPage} />}
    </>
  );
}
