"use client";
// One delivery of the log, twice: a table row from the sm breakpoint up, a card below it (nine
// columns don't fit a phone; a sideways-scrolling table would hide the error and Resend).
import { Fragment } from "react";
import { Button } from "@/components/ui/button";
import { Pill } from "@/components/ui/states";
import type { PublicDelivery } from "@/server/webhooks/list-webhook-deliveries";
import { AttemptHistory, when } from "./attempt-history";

export type ItemProps = { d: PublicDelivery; open: boolean; onToggle: () => void; canResend: boolean; onResend: () => void };

const TONE: Record<string, "amber" | "green" | "red"> = { PENDING: "amber", DELIVERED: "green", FAILED: "red" };
const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();
const next = (d: PublicDelivery) => (d.status === "PENDING" ? when(d.nextAttemptAt ?? d.createdAt) : null);
const duration = (d: PublicDelivery) => {
  const last = d.attemptLog.at(-1);
  return last ? `${last.durationMs} ms` : null;
};

function AttemptsToggle({ d, open, onToggle }: Pick<ItemProps, "d" | "open" | "onToggle">) {
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 rounded-md px-2 py-1 tabular-nums text-slate-700 hover:bg-slate-100 disabled:cursor-default disabled:hover:bg-transparent"
      aria-expanded={open}
      aria-label={`${open ? "Hide" : "Show"} attempts (${d.attempts})`}
      disabled={d.attemptLog.length === 0}
      onClick={onToggle}
    >
      {d.attempts}
      {d.attemptLog.length > 0 && <span aria-hidden className="text-xs text-slate-400">{open ? "▴" : "▾"}</span>}
    </button>
  );
}

function ResendButton({ canResend, onResend }: Pick<ItemProps, "canResend" | "onResend">) {
  return (
    <Button variant="secondary" size="sm" disabled={!canResend} title={canResend ? undefined : "Enable the endpoint first"} onClick={onResend}>
      Resend
    </Button>
  );
}

const cell = "px-4 py-2.5";

export function DeliveryRow({ d, open, onToggle, canResend, onResend }: ItemProps) {
  return (
    <Fragment>
      <tr data-testid="delivery-row">
        <td className={cell}>
          <span className="block whitespace-nowrap font-mono text-xs">{d.eventType}</span>
          <span className="block whitespace-nowrap text-xs text-slate-500">{when(d.eventCreatedAt)}</span>
        </td>
        <td className={cell}><Pill>{label(d.kind)}</Pill></td>
        <td className={cell}><Pill tone={TONE[d.status]}>{label(d.status)}</Pill></td>
        <td className={cell}><AttemptsToggle d={d} open={open} onToggle={onToggle} /></td>
        <td className={`${cell} tabular-nums`}>{d.lastStatusCode ?? "—"}</td>
        <td className={`${cell} whitespace-nowrap text-right tabular-nums`}>{duration(d) ?? "—"}</td>
        <td className={`${cell} max-w-[14rem]`}>
          <span className="block truncate text-red-700" title={d.lastError ?? undefined}>{d.lastError ?? ""}</span>
        </td>
        <td className={`${cell} whitespace-nowrap`}>{next(d) ?? "—"}</td>
        <td className={`${cell} text-right`}><ResendButton canResend={canResend} onResend={onResend} /></td>
      </tr>
      {open && (
        <tr>
          <td colSpan={9} className="bg-slate-50 px-4 py-3">
            <AttemptHistory attempts={d.attemptLog} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function DeliveryCard({ d, open, onToggle, canResend, onResend }: ItemProps) {
  const facts = [d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null, duration(d), next(d) && `next ${next(d)}`].filter(Boolean);
  return (
    <li className="space-y-1.5 px-4 py-3" data-testid="delivery-card">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <span className="block break-all font-mono text-xs">{d.eventType}</span>
          <span className="block text-xs text-slate-500">{when(d.eventCreatedAt)}</span>
        </div>
        <div className="flex shrink-0 gap-1">
          <Pill>{label(d.kind)}</Pill>
          <Pill tone={TONE[d.status]}>{label(d.status)}</Pill>
        </div>
      </div>
      {d.lastError && <p className="break-words text-sm text-red-700">{d.lastError}</p>}
      {facts.length > 0 && <p className="text-xs text-slate-500">{facts.join(" · ")}</p>}
      <div className="flex items-center justify-between">
        <span className="text-xs text-slate-500">
          Attempts <AttemptsToggle d={d} open={open} onToggle={onToggle} />
        </span>
        <ResendButton canResend={canResend} onResend={onResend} />
      </div>
      {open && (
        <div className="rounded-lg bg-slate-50 px-3 py-2">
          <AttemptHistory attempts={d.attemptLog} />
        </div>
      )}
    </li>
  );
}
