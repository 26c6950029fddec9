// Every HTTP attempt of one delivery, oldest first: the receiver's status code (none when it
// couldn't be reached), how long it took, the error, and when the next try was set for.
import { formatDateTime } from "@/components/format";
import type { DeliveryAttempt } from "@/server/webhooks/list-webhook-deliveries";

export function AttemptHistory({ attempts }: { attempts: DeliveryAttempt[] }) {
  return (
    <ol className="space-y-2 text-xs" data-testid="attempt-history">
      {attempts.map((a) => (
        <li key={a.attempt} className="grid gap-x-4 gap-y-0.5 sm:grid-cols-[4rem_11rem_5rem_6rem_1fr]">
          <span className="font-medium text-slate-700">#{a.attempt}</span>
          <span className="text-slate-500">{formatDateTime(a.createdAt)}</span>
          <span className="tabular-nums">{a.statusCode ?? "no response"}</span>
          <span className="tabular-nums text-slate-500">{a.durationMs} ms</span>
          <span className="min-w-0">
            {a.error && <span className="block break-words text-red-700">{a.error}</span>}
            <span className="block text-slate-500">{a.nextAttemptAt ? `Next attempt ${formatDateTime(a.nextAttemptAt)}` : a.error ? "No further attempt" : "Delivered"}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
