"use client";
// Who would land where under the tiers being edited, before saving: counts of today's active
// customers per tier, asked of the server a moment after the owner stops typing (not on every
// keystroke), and only for a table the API would accept.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import { useTRPC } from "@/components/trpc-provider";
import { tiersSchema } from "@/server/program/tier-schemas";
import type { SettingsFormValues } from "./settings-schema";

const DEBOUNCE_MS = 400;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function TierPreview({ control }: { control: Control<SettingsFormValues> }) {
  const trpc = useTRPC();
  const [tierBasis, tiers] = useWatch({ control, name: ["tierBasis", "tiers"] });
  // A string, so that a re-render with equal rows doesn't restart the wait.
  const proposal = useDebounced(JSON.stringify({ tierBasis, tiers: tiers ?? [] }), DEBOUNCE_MS);
  const parsed = JSON.parse(proposal) as { tierBasis: SettingsFormValues["tierBasis"]; tiers: unknown };
  const valid = tiersSchema.safeParse(parsed.tiers);
  const preview = useQuery(
    trpc.settings.tierPreview.queryOptions(
      { tierBasis: parsed.tierBasis ?? "LIFETIME", tiers: valid.success ? valid.data : [] },
      { enabled: valid.success && parsed.tierBasis !== undefined, placeholderData: keepPreviousData },
    ),
  );
  const data = preview.data;
  return (
    <aside className="rounded-lg border border-slate-200 bg-slate-50 p-4" aria-live="polite" data-testid="tier-preview">
      <h3 className="text-sm font-semibold text-slate-900">Who would land where</h3>
      <p className="mt-1 text-xs text-slate-500">Today&apos;s customers under the tiers above, before you save.</p>
      {!valid.success ? (
        <p className="mt-3 text-sm text-amber-700">Fix the tiers to see the preview.</p>
      ) : preview.error ? (
        <p className="mt-3 text-sm text-red-600">{preview.error.message}</p>
      ) : !data ? (
        <p className="mt-3 text-sm text-slate-500">Counting…</p>
      ) : (
        <ul className={`mt-3 divide-y divide-slate-200 text-sm ${preview.isFetching ? "opacity-60" : ""}`}>
          {[...data.tiers].reverse().map((t) => (
            <li key={t.name} className="flex items-baseline justify-between gap-3 py-1.5" data-testid="preview-row">
              <span className="min-w-0 truncate">
                <span className="font-medium text-slate-900">{t.name}</span>
                <span className="ml-1 text-xs text-slate-500">from {t.minPoints.toLocaleString("en")}</span>
              </span>
              <span className="tabular-nums font-medium">{t.customers.toLocaleString("en")}</span>
            </li>
          ))}
          <li className="flex items-baseline justify-between gap-3 py-1.5" data-testid="preview-row">
            <span className="text-slate-600">No tier</span>
            <span className="tabular-nums font-medium">{data.noTier.toLocaleString("en")}</span>
          </li>
        </ul>
      )}
    </aside>
  );
}
