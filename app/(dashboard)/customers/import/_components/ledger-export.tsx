"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

// A plain download link: the route streams the file, the browser saves it.
export function LedgerExport() {
  const [from, setFrom] = useState(day(-30));
  const [to, setTo] = useState(day(0));
  const valid = Boolean(from && to && from <= to);
  return (
    <Card title="Export the ledger">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label="From">
          <Input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="ledger-from" />
        </Field>
        <Field label="To">
          <Input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="ledger-to" />
        </Field>
        <a
          href={valid ? `/customers/import/ledger?${new URLSearchParams({ from, to })}` : undefined}
          aria-disabled={!valid}
          className="inline-flex items-center justify-center rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 aria-disabled:opacity-60"
          data-testid="ledger-export"
        >
          Download CSV
        </a>
      </div>
      <p className="mt-3 text-xs text-slate-500">Every points movement of those days (UTC, both included), with the customer&apos;s email and name.</p>
    </Card>
  );
}
