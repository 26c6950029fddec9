"use client";
// Campaigns: earn rules beyond the base rate, with what each has given. Owners add, edit and
// end them (never deleted: their entries name them); staff see them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatDate, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { CampaignForm } from "./campaign-form";
import { toCampaignFormValues, type CampaignRow } from "./campaign-form-values";

type ApiError = { message: string; data?: { fieldErrors?: Record<string, string[] | undefined> } | null };
const fieldErrorsOf = (error: ApiError | null) => error?.data?.fieldErrors;
const onError = (error: ApiError) => {
  if (!fieldErrorsOf(error)) toast.error(error.message);
};

function rule(c: CampaignRow, storeNames: Map<string, string>): string {
  if (c.kind === "SIGNUP") return `${formatPoints(c.points ?? 0)} pts when a customer signs up`;
  if (c.kind === "BIRTHDAY") return `${formatPoints(c.points ?? 0)} pts on their birthday, once a year`;
  const where = [
    c.storeIds.length ? `at ${c.storeIds.map((id) => storeNames.get(id) ?? "a closed store").join(", ")}` : "",
    c.categories.length ? `on ${c.categories.join(", ")}` : "",
  ].filter(Boolean);
  return `${c.multiplierPercent! / 100}× points on orders${where.length ? ` ${where.join(" ")}` : ""}`;
}

function campaignWindow(c: CampaignRow): string {
  const last = c.endsAt ? new Date(new Date(c.endsAt).getTime() - 1) : null;
  if (!c.startsAt && !last) return "No end date";
  if (!last) return `From ${formatDate(c.startsAt)}`;
  return c.startsAt ? `${formatDate(c.startsAt)} – ${formatDate(last)}` : `Until ${formatDate(last)}`;
}

export function CampaignsPanel({ isOwner }: { isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const campaigns = useQuery(trpc.campaigns.list.queryOptions({}));
  const stores = useQuery(trpc.stores.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [ending, setEnding] = useState<CampaignRow | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.list.queryKey() });
  const create = useMutation(trpc.campaigns.create.mutationOptions({ onSuccess: (c) => (toast.success(`Campaign “${c.name}” added`), setAdding(false), void refresh()), onError }));
  const update = useMutation(
    trpc.campaigns.update.mutationOptions({
      onSuccess: (c) => (toast.success(`Campaign “${c.name}” ${c.active ? "saved" : "ended"}`), setEditing(null), setEnding(null), void refresh()),
      onError,
    }),
  );
  const storeNames = new Map((stores.data ?? []).map((s) => [s.id, s.name]));
  const storeCodes = new Map((stores.data ?? []).map((s) => [s.id, s.code]));
  const items = campaigns.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Bonus points beyond the base rate: a sign-up bonus, a birthday bonus, and time-boxed multipliers on orders. Each award is its own transaction naming the campaign."
        actions={isOwner && !adding && <Button className="whitespace-nowrap" onClick={() => (create.reset(), setAdding(true))}>Add campaign</Button>}
      />
      {adding && (
        <Card title="Add a campaign" className="mb-6">
          <CampaignForm submitLabel="Add campaign" saving={create.isPending} serverErrors={fieldErrorsOf(create.error)} onSubmit={(input) => create.mutate(input)} onCancel={() => setAdding(false)} />
        </Card>
      )}
      {campaigns.isPending ? (
        <TableSkeleton rows={3} />
      ) : campaigns.error ? (
        <ErrorState message={campaigns.error.message} />
      ) : items.length === 0 ? (
        <EmptyState title="No campaigns yet" description={isOwner ? "Add a campaign: double points this weekend, a welcome bonus, a birthday treat." : "An owner can add the business's campaigns."} />
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          {items.map((c) => (
            <li key={c.id} data-testid="campaign-row" className="px-4 py-4 sm:px-5">
              {editing === c.id ? (
                <CampaignForm
                  editing
                  initial={toCampaignFormValues(c, storeCodes)}
                  submitLabel="Save campaign"
                  saving={update.isPending}
                  serverErrors={fieldErrorsOf(update.error)}
                  onSubmit={({ kind: _kind, ...input }) => update.mutate({ id: c.id, ...input })}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="break-words font-medium text-slate-900">{c.name}</span>
                      {c.active ? <Pill tone="green">Active</Pill> : <Pill tone="slate">Ended</Pill>}
                    </div>
                    <p className="mt-1 break-words text-sm text-slate-600">{rule(c, storeNames)}</p>
                    <p className="mt-1 text-sm text-slate-500" data-testid="campaign-facts">
                      {campaignWindow(c)} · {formatPoints(c.pointsIssued)} pts issued to {formatPoints(c.customers)} {c.customers === 1 ? "customer" : "customers"}
                    </p>
                  </div>
                  {isOwner && (
                    <div className="flex shrink-0 flex-wrap gap-2">
                      <Button variant="secondary" size="sm" onClick={() => (update.reset(), setEditing(c.id))}>Edit</Button>
                      {c.active ? (
                        <Button variant="ghost" size="sm" onClick={() => setEnding(c)}>End</Button>
                      ) : (
                        <Button variant="ghost" size="sm" loading={update.isPending && update.variables?.id === c.id} onClick={() => update.mutate({ id: c.id, active: true })}>
                          Restart
                        </Button>
                      )}
                    </div>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={ending !== null}
        title={`End “${ending?.name ?? "this campaign"}”?`}
        description="It gives no more points until you restart it. Points it already gave stay (refunds still take an order's bonus back)."
        confirmLabel="End campaign"
        loading={update.isPending}
        onConfirm={() => ending && update.mutate({ id: ending.id, active: false })}
        onCancel={() => setEnding(null)}
      />
    </>
  );
}
