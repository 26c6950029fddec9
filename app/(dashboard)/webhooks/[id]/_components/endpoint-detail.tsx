"use client";
// One endpoint: its state (and the way back from failing), its settings and secret, a replay
// of a past period, and the delivery log.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { StatusNotice, StatusPill } from "../../_components/endpoint-status";
import type { EventOption } from "../../_components/webhook-form-schema";
import { DeliveryLog } from "./delivery-log";
import { EnableReplayDialog } from "./enable-replay-dialog";
import { EndpointActions } from "./endpoint-actions";
import { ReplayForm } from "./replay-form";

type Props = { id: string; events: EventOption[]; maxReplayDays: number };

export function EndpointDetail({ id, events, maxReplayDays }: Props) {
  const trpc = useTRPC();
  const endpoint = useQuery(trpc.webhooks.get.queryOptions({ id }));
  const [enabling, setEnabling] = useState(false);
  const back = (
    <Link href="/webhooks" className="text-sm font-medium text-brand-600 hover:underline">
      ← Webhooks
    </Link>
  );
  if (endpoint.isPending) return <TableSkeleton rows={6} />;
  if (endpoint.error) {
    return (
      <div className="space-y-4">
        {back}
        <ErrorState message={endpoint.error.message} />
      </div>
    );
  }
  const e = endpoint.data;
  return (
    <div className="space-y-6">
      <div>
        {back}
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Webhook endpoint</h1>
          <StatusPill endpoint={e} />
        </div>
        <p className="mt-1 break-all font-mono text-sm text-slate-700" data-testid="endpoint-url">
          {e.url}
        </p>
        {e.description && <p className="mt-1 text-sm text-slate-500">{e.description}</p>}
        <div className="mt-2 flex flex-wrap gap-1">
          {e.events.includes("*") ? <Pill tone="blue">all events</Pill> : e.events.map((t) => <Pill key={t}>{t}</Pill>)}
        </div>
      </div>
      {e.status !== "ACTIVE" && (
        <div className="space-y-3">
          <StatusNotice endpoint={e} />
          <Button onClick={() => setEnabling(true)}>Enable and replay what it missed</Button>
        </div>
      )}
      {e.previousSecretExpiresAt && (
        <p className="rounded-lg border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-brand-800">
          Secret rotated: requests carry signatures with both the new and the previous secret until {formatDateTime(e.previousSecretExpiresAt)}.
        </p>
      )}
      <EndpointActions endpoint={e} events={events} />
      <DeliveryLog endpointId={e.id} active={e.status === "ACTIVE"} />
      <ReplayForm endpointId={e.id} active={e.status === "ACTIVE"} maxReplayDays={maxReplayDays} />
      <EnableReplayDialog endpoint={enabling ? e : null} maxReplayDays={maxReplayDays} onClose={() => setEnabling(false)} />
    </div>
  );
}
