"use client";
import { useTransition } from "react";
import { switchBusinessAction } from "./session-actions";

type Props = { current: { id: string; name: string }; memberships: { businessId: string; name: string; role: "OWNER" | "STAFF" }[] };

// Shown as a plain label with one business; as a picker when the user works for several.
export function BusinessSwitcher({ current, memberships }: Props) {
  const [pending, startTransition] = useTransition();
  if (memberships.length <= 1) {
    return (
      <div className="rounded-lg bg-slate-800/60 px-3 py-2">
        <p className="text-[11px] uppercase tracking-wide text-slate-400">Business</p>
        <p className="truncate text-sm font-medium text-white" data-testid="current-business">
          {current.name}
        </p>
      </div>
    );
  }
  return (
    <label className="block rounded-lg bg-slate-800/60 px-3 py-2">
      <span className="text-[11px] uppercase tracking-wide text-slate-400">Business</span>
      <select
        aria-label="Switch business"
        data-testid="business-switcher"
        disabled={pending}
        value={current.id}
        onChange={(e) => startTransition(() => switchBusinessAction(e.target.value))}
        className="mt-0.5 block w-full truncate rounded border-0 bg-transparent p-0 text-sm font-medium text-white focus:ring-0"
      >
        {memberships.map((m) => (
          <option key={m.businessId} value={m.businessId} className="text-slate-900">
            {m.name} ({m.role === "OWNER" ? "owner" : "staff"})
          </option>
        ))}
      </select>
    </label>
  );
}
