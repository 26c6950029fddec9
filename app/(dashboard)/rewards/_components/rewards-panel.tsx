"use client";
// The rewards catalogue and its redemptions. Owners add and edit rewards, fill a POOL reward's
// codes, retire and bring back rewards (never deleted: redemptions name them); staff see the
// catalogue and the redemptions, and may cancel one.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { RedemptionsTable } from "./redemptions-table";
import { RewardForm } from "./reward-form";
import { changedWindow, toRewardFormValues } from "./reward-form-schema";
import { RewardSummary, type RewardRow } from "./reward-summary";
import { UploadCodesDialog } from "./upload-codes-dialog";
import { useRewardsRefresh } from "./use-rewards-refresh";

type ApiError = { message: string; data?: { fieldErrors?: Record<string, string[] | undefined> } | null };
// Field refusals go under their fields; anything else (a rule between fields, a conflict) to a toast.
const fieldErrorsOf = (error: ApiError | null) => error?.data?.fieldErrors;
const onError = (error: ApiError) => {
  if (!fieldErrorsOf(error)) toast.error(error.message);
};

export function RewardsPanel({ isOwner }: { isOwner: boolean }) {
  const trpc = useTRPC();
  const refresh = useRewardsRefresh();
  const rewards = useQuery(trpc.rewards.list.queryOptions({ perPage: 100 }));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [retiring, setRetiring] = useState<RewardRow | null>(null);
  const [uploading, setUploading] = useState<RewardRow | null>(null);
  const [shown, setShown] = useState("");
  const redemptionsRef = useRef<HTMLDivElement>(null);
  const create = useMutation(trpc.rewards.create.mutationOptions({ onSuccess: (r) => (toast.success(`Reward “${r.title}” added`), setAdding(false), void refresh()), onError }));
  const update = useMutation(
    trpc.rewards.update.mutationOptions({
      onSuccess: (r) => (toast.success(`Reward “${r.title}” ${r.active ? "saved" : "deactivated"}`), setEditing(null), setRetiring(null), void refresh()),
      onError,
    }),
  );
  const showRedemptions = (id: string) => (setShown(id), redemptionsRef.current?.scrollIntoView({ behavior: "smooth" }));
  const items = rewards.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Rewards"
        description="What customers spend points on. Staff redeem them on a customer's page; your tills and apps through the API."
        actions={isOwner && !adding && <Button onClick={() => (create.reset(), setAdding(true))}>Add reward</Button>}
      />
      {adding && (
        <Card title="Add a reward" className="mb-6">
          <RewardForm submitLabel="Add reward" saving={create.isPending} serverErrors={fieldErrorsOf(create.error)} onSubmit={(input) => create.mutate(input)} onCancel={() => setAdding(false)} />
        </Card>
      )}
      {rewards.isPending ? (
        <TableSkeleton rows={3} />
      ) : rewards.error ? (
        <ErrorState message={rewards.error.message} />
      ) : items.length === 0 ? (
        <EmptyState title="No rewards yet" description={isOwner ? "Add a reward your customers can spend their points on." : "An owner can add the business's rewards."} />
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          {items.map((reward) => (
            <li key={reward.id} data-testid="reward-row" className="px-4 py-4 sm:px-5">
              {editing === reward.id ? (
                <RewardForm
                  initial={toRewardFormValues(reward)}
                  submitLabel="Save reward"
                  saving={update.isPending}
                  serverErrors={fieldErrorsOf(update.error)}
                  onSubmit={(input) => update.mutate({ id: reward.id, ...changedWindow(input, reward) })}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <RewardSummary reward={reward}>
                  <Button variant="secondary" size="sm" onClick={() => showRedemptions(reward.id)}>Redemptions</Button>
                  {isOwner && (
                    <>
                      <Button variant="secondary" size="sm" onClick={() => (update.reset(), setEditing(reward.id))}>Edit</Button>
                      {reward.couponMode === "POOL" && <Button variant="secondary" size="sm" onClick={() => setUploading(reward)}>Upload codes</Button>}
                      {reward.active ? (
                        <Button variant="ghost" size="sm" onClick={() => setRetiring(reward)}>Deactivate</Button>
                      ) : (
                        <Button variant="ghost" size="sm" loading={update.isPending && update.variables?.id === reward.id} onClick={() => update.mutate({ id: reward.id, active: true })}>
                          Reactivate
                        </Button>
                      )}
                    </>
                  )}
                </RewardSummary>
              )}
            </li>
          ))}
        </ul>
      )}
      <div ref={redemptionsRef} className="mt-8 scroll-mt-4">
        <Card
          title="Redemptions"
          action={
            <Select aria-label="Redemptions of" value={shown} onChange={(e) => setShown(e.target.value)} className="w-44 sm:w-56">
              <option value="">All rewards</option>
              {items.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
            </Select>
          }
        >
          <RedemptionsTable rewardId={shown || undefined} />
        </Card>
      </div>
      <ConfirmDialog
        open={retiring !== null}
        title={`Deactivate “${retiring?.title ?? "this reward"}”?`}
        description="It can't be redeemed until you reactivate it. Codes already handed out stay good."
        confirmLabel="Deactivate"
        loading={update.isPending}
        onConfirm={() => retiring && update.mutate({ id: retiring.id, active: false })}
        onCancel={() => setRetiring(null)}
      />
      <UploadCodesDialog reward={uploading} onClose={() => setUploading(null)} />
    </>
  );
}
