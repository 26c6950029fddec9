// An endpoint's state, said the same way on the list and on its page: failing is loud (red,
// with why and since when), turned off is amber, active is a quiet green pill.
import { formatDateTime } from "@/components/format";
import { Pill } from "@/components/ui/states";
import type { PublicWebhookEndpoint } from "@/server/webhooks/manage-webhook-endpoints";

type StatusFields = Pick<PublicWebhookEndpoint, "status" | "statusReason" | "failingSince" | "disabledAt">;

export function StatusPill({ endpoint }: { endpoint: StatusFields }) {
  if (endpoint.status === "FAILING") return <Pill tone="red">Failing</Pill>;
  if (endpoint.status === "DISABLED") return <Pill tone="amber">Disabled</Pill>;
  return <Pill tone="green">Active</Pill>;
}

// Null for an active endpoint. `compact` for list rows; the endpoint's page says what to do.
export function StatusNotice({ endpoint, compact = false }: { endpoint: StatusFields; compact?: boolean }) {
  if (endpoint.status === "ACTIVE") return null;
  const failing = endpoint.status === "FAILING";
  const since = failing ? endpoint.failingSince : endpoint.disabledAt;
  const tone = failing ? "border-red-300 bg-red-50 text-red-800" : "border-amber-300 bg-amber-50 text-amber-900";
  return (
    <div className={`rounded-lg border px-3 py-2 text-sm ${tone}`} data-testid="endpoint-status-notice" role={failing ? "alert" : undefined}>
      <p className="font-semibold">
        {failing ? "Failing" : "Disabled"}
        {since && ` since ${formatDateTime(since)}`}
      </p>
      {endpoint.statusReason && <p className="mt-0.5">{endpoint.statusReason}</p>}
      {!compact && (endpoint.status === "DISABLED" || !endpoint.statusReason) && (
        <p className="mt-1 text-xs">
          {failing
            ? "Deliveries failed for three days, so they stopped and nothing is retried. Fix the receiver, then enable the endpoint and replay what it missed."
            : "Nothing is sent to it while it is off. Enable it to start again; what it missed is sent only if you replay it."}
        </p>
      )}
    </div>
  );
}
