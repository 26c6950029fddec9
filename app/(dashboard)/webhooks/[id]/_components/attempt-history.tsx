// Every HTTP attempt of one delivery, oldest first: the receiver's status code (none when it
// couldn't be reached), how long it took, the error, and when the next try was set for.
import type { DeliveryAttempt } from "@/server/webhooks/list-webhook-deliveries";

// The year only when it isn't this one: the log's table has nine columns to fit.
export const when = (date: Date) =>
  date.toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", year: date.getFullYear() === new Date().getFullYear() ? undefined : "numeric" });

export function AttemptHistory({ attempts }: { attempts: DeliveryAttempt[] }) {
  return (
    <ol className="space-y-2 text-xs" data-testid="attempt-history">
      {attempts.map((a) => (
        <li key={a.attempt} className="flex flex-wrap gap-x-3 gap-y-0.5 sm:grid sm:grid-cols-[3rem_10rem_6rem_5rem_1fr] sm:gap-x-4">
          <span className="font-medium text-slate-700">#{a.attempt}</span>
          <span className="text-slate-500">{when(a.createdAt)}</span>
          <span className="tabular-nums">{a.statusCode ?? "no response"}</span>
          <span className="tabular-nums text-slate-500">{a.durationMs} ms</span>
          <span className="min-w-0 basis-full">
            {a.error && <span className="block break-words text-red-700">{a.error}</span>}
            <span className="block text-slate-500">{a.nextAttemptAt ? `Next attempt ${when(a.nextAttemptAt)}` : a.error ? "No further attempt" : "Delivered"}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
