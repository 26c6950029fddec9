import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { formatDate, formatPoints } from "@/components/format";
import { Pill } from "@/components/ui/states";
import type { PublicCustomer } from "@/server/customers/to-public-customer";

const col = createColumnHelper<PublicCustomer>();
// Secondary columns give way on phones so name, status and balance fit without scrolling.
const wide = { className: "hidden md:table-cell" };

// Sortable columns carry the listCustomers sortBy they map to: sorting happens on the server.
export const customerColumns = [
  col.accessor("name", {
    header: "Customer",
    enableSorting: true,
    cell: ({ row }) => (
      <Link href={`/customers/${row.original.id}`} className="group block min-w-0">
        <span className="block truncate font-medium text-slate-900 group-hover:text-brand-600">{row.original.name ?? "Unnamed customer"}</span>
        <span className="block truncate text-xs text-slate-500">{row.original.email ?? row.original.phone ?? row.original.externalId ?? ""}</span>
      </Link>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    enableSorting: false,
    cell: ({ getValue }) => (getValue() === "BLOCKED" ? <Pill tone="red">Locked</Pill> : <Pill tone="green">Active</Pill>),
  }),
  col.accessor("tier", { header: "Tier", meta: wide, enableSorting: false, cell: ({ getValue }) => getValue() ?? "—" }),
  col.accessor("balance", { header: "Balance", enableSorting: true, cell: ({ getValue }) => <span className="font-semibold tabular-nums">{formatPoints(getValue())}</span> }),
  col.accessor("lifetimeEarned", { header: "Lifetime earned", meta: wide, enableSorting: true, cell: ({ getValue }) => <span className="tabular-nums">{formatPoints(getValue())}</span> }),
  col.accessor("lastActivityAt", { header: "Last activity", meta: wide, enableSorting: true, cell: ({ getValue }) => formatDate(getValue()) }),
  col.accessor("createdAt", { header: "Joined", meta: wide, enableSorting: true, cell: ({ getValue }) => formatDate(getValue()) }),
];
