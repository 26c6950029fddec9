"use client";

// The customer list: search, status filter, server-side sort and pagination (a tenant can have
// millions of customers, so nothing is sorted or paged in the browser).
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { flexRender, getCoreRowModel, useReactTable, type SortingState } from "@tanstack/react-table";
import { usePathname, useSearchParams } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { MIN_SUBSTRING_SEARCH } from "@/server/customers/list-limits";
import { customerColumns } from "./customer-columns";
import { Pager } from "@/components/ui/pager";

type SortBy = "createdAt" | "balance" | "lifetimeEarned" | "lastActivityAt" | "name";
const SORTS: readonly string[] = ["createdAt", "balance", "lifetimeEarned", "lastActivityAt", "name"];
const PER_PAGE = 25;
const columnClass = (meta: unknown) => (meta as { className?: string } | undefined)?.className ?? "";

export function CustomersTable({ canExport }: { canExport: boolean }) {
  const trpc = useTRPC();
  // Search, status, sort and page live in the URL (?q=&status=&sort=balance.asc&page=2), so
  // Back from a customer, a reload or a shared link shows the same slice of the list.
  const params = useSearchParams();
  const pathname = usePathname();
  const status = (["ACTIVE", "BLOCKED"].includes(params.get("status") ?? "") ? params.get("status") : "") as "" | "ACTIVE" | "BLOCKED";
  const [sortField, sortDir] = (params.get("sort") ?? "").split(".");
  const sorting: SortingState = [SORTS.includes(sortField ?? "") ? { id: sortField!, desc: sortDir !== "asc" } : { id: "createdAt", desc: true }];
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  // The box keeps its own state so typing never waits for navigation; the URL follows it.
  // And it follows the URL when that changes from outside (the menu's "Customers" link, Back):
  // a ?q the box never wrote. Its own keystrokes reach useSearchParams a render or more later
  // (Next applies replaceState in a transition), possibly one at a time: those, found in
  // `written`, leave the box alone, so a slow render never takes back what was typed since.
  const urlSearch = params.get("q") ?? "";
  const [box, setBox] = useState({ text: urlSearch, url: urlSearch, written: [] as string[] });
  if (urlSearch !== box.url) {
    const own = box.written.indexOf(urlSearch);
    setBox(own >= 0 ? { ...box, url: urlSearch, written: box.written.slice(own + 1) } : { text: urlSearch, url: urlSearch, written: [] });
  }
  const search = box.text;
  const setQuery = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    // The History API, not router.replace: Next keeps useSearchParams in step without asking
    // the server to render the page again on every keystroke.
    window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
  };
  const setSearch = (q: string) => (setBox((b) => ({ ...b, text: q, written: [...b.written, q] })), setQuery({ q: q || null, page: null }));
  const setStatus = (s: typeof status) => setQuery({ status: s || null, page: null });
  const setPage = (p: number) => setQuery({ page: p > 1 ? String(p) : null });
  const setSorting = (updater: SortingState | ((old: SortingState) => SortingState)) => {
    const [next] = typeof updater === "function" ? updater(sorting) : updater;
    setQuery({ sort: next ? `${next.id}.${next.desc ? "desc" : "asc"}` : null, page: null });
  };
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
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
  });
  const exportHref = `/customers/export?${new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])))}`;
  const pagination = customers.data?.pagination;

  return (
    <>
      <PageHeader
        title="Customers"
        description={pagination ? `${formatPoints(pagination.total)}${pagination.totalIsEstimate ? "+" : ""} customers${filters.search || filters.status ? " match" : " enrolled"}` : "Everyone in your programme."}
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
        <div className="flex flex-col gap-1 sm:max-w-sm sm:flex-1">
          <Input type="search" placeholder="Search name, email or phone…" aria-label="Search customers" aria-describedby="customer-search-hint" value={search} onChange={(e) => setSearch(e.target.value)} />
          {/* Mirrors listCustomers: under MIN_SUBSTRING_SEARCH characters only the start of names is matched. */}
          {[...search.trim()].length > 0 && [...search.trim()].length < MIN_SUBSTRING_SEARCH && (
            <p id="customer-search-hint" className="text-xs text-slate-500" data-testid="customer-search-hint">
              Matching names that start with this; type {MIN_SUBSTRING_SEARCH} or more characters to search anywhere in names, emails and phones.
            </p>
          )}
        </div>
        <Select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)} className="sm:w-44">
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
