import type { ReactNode } from "react";

export type Column = { label: string; align?: "right" };

// The portal's plain tables (keys, audit, history) share one frame: header row styling,
// horizontal scrolling on small screens, row dividers. Rows stay the caller's own markup.
export function SimpleTable({ columns, children, dense = false }: { columns: Column[]; children: ReactNode; dense?: boolean }) {
  const cell = dense ? "px-4 py-2.5" : "px-4 py-3";
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
        <tr>
          {columns.map((column, i) => (
            <th key={`${column.label}-${i}`} className={`${cell} ${column.align === "right" ? "text-right" : ""}`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
