"use client";
// The owner's webhook endpoints: each with its state (a failing one stands out, and a banner
// counts them), and adding one, whose signing secret is shown this once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { formatDate } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { EndpointForm } from "./endpoint-form";
import { StatusNotice, StatusPill } from "./endpoint-status";
import { SecretBox } from "./secret-box";
import type { EventOption } from "./webhook-form-schema";

export function WebhooksPanel({ events }: { events: EventOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }),
      onError: (error) => toast.error(error.message),
    }),
  );
  const failing = endpoints.data?.filter((e) => e.status === "FAILING").length ?? 0;
  const close = () => (setAdding(false), create.reset());
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Send points, customer and badge events to your own systems as they happen, signed with a secret only you and we know."
        actions={!adding && <Button onClick={() => setAdding(true)}>Add endpoint</Button>}
      />
      {failing > 0 && (
        <div className="mb-6 rounded-xl border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800" role="alert" data-testid="failing-banner">
          <p className="font-semibold">{failing === 1 ? "1 endpoint is failing" : `${failing} endpoints are failing`}</p>
          <p>Deliveries to it stopped after three days of errors. Open it to see why, enable it again and replay what it missed.</p>
        </div>
      )}
      {adding && create.data ? (
        <Card title="Endpoint added: your signing secret" className="mb-6 border-emerald-200">
          <p className="mb-3 text-sm text-slate-600">
            Your receiver verifies each request&apos;s signature with this secret. Copy it now: it isn&apos;t shown again (you can reveal it later,
            which is recorded in the audit log).
          </p>
          <SecretBox secret={create.data.secret} />
          <div className="mt-4 flex flex-wrap gap-2">
            <Link href={`/webhooks/${create.data.endpoint.id}`} className="inline-flex items-center rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Open endpoint
            </Link>
            <Button variant="secondary" onClick={close}>
              Done
            </Button>
          </div>
        </Card>
      ) : (
        adding && (
          <Card title="Add an endpoint" className="mb-6">
            <EndpointForm
              events={events}
              submitLabel="Add endpoint"
              saving={create.isPending}
              onSubmit={(input) => create.mutate({ ...input, description: input.description ?? undefined })}
              onCancel={close}
            />
          </Card>
        )
      )}
      {endpoints.isPending ? (
        <TableSkeleton rows={3} />
      ) : endpoints.error ? (
        <ErrorState message={endpoints.error.message} />
      ) : endpoints.data.length === 0 ? (
        <EmptyState title="No webhook endpoints yet" description="Add the URL of a receiver to get events as they happen." />
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          {endpoints.data.map((endpoint) => (
            <li key={endpoint.id} data-testid="webhook-row" className={`border-l-4 px-4 py-4 sm:px-5 ${endpoint.status === "FAILING" ? "border-l-red-500" : "border-l-transparent"}`}>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <StatusPill endpoint={endpoint} />
                    <Link href={`/webhooks/${endpoint.id}`} className="break-all font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {endpoint.url}
                    </Link>
                  </div>
                  {endpoint.description && <p className="mt-1 text-sm text-slate-500">{endpoint.description}</p>}
                  <div className="mt-2 flex flex-wrap gap-1">
                    {endpoint.events.includes("*") ? <Pill tone="blue">all events</Pill> : endpoint.events.map((e) => <Pill key={e}>{e}</Pill>)}
                  </div>
                </div>
                <div className="flex items-center justify-between gap-3 sm:flex-col sm:items-end">
                  <span className="text-xs text-slate-500">Added {formatDate(endpoint.createdAt)}</span>
                  <Link href={`/webhooks/${endpoint.id}`} className="text-sm font-medium text-brand-600 hover:underline">
                    Deliveries and settings →
                  </Link>
                </div>
              </div>
              {endpoint.status !== "ACTIVE" && (
                <div className="mt-3">
                  <StatusNotice endpoint={endpoint} compact />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
