"use client";
// Back from failing or disabled in one step: the endpoint on again and the events it missed
// (since it stopped, up to the replay limit) queued for it, in one transaction on the server.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { PublicWebhookEndpoint } from "@/server/webhooks/manage-webhook-endpoints";
import { missedPeriod } from "../../_components/webhook-form-schema";

type Props = { endpoint: PublicWebhookEndpoint | null; maxReplayDays: number; onClose: () => void };

export function EnableReplayDialog({ endpoint, maxReplayDays, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [onlyFailed, setOnlyFailed] = useState(true);
  const since = endpoint ? (endpoint.status === "FAILING" ? endpoint.failingSince : endpoint.disabledAt) : null;
  const period = missedPeriod(since, maxReplayDays);
  const enable = useMutation(
    trpc.webhooks.enableAndReplay.mutationOptions({
      onSuccess: (result) => {
        toast.success(`Enabled. ${result.queued} ${result.queued === 1 ? "event" : "events"} queued for it${result.more ? "; replay again for the rest" : ""}.`);
        void queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
        onClose();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <ConfirmDialog
      open={endpoint !== null}
      tone="primary"
      title="Enable and replay what it missed?"
      description={
        <>
          <p>
            Deliveries start again now, and the events of {formatDateTime(period.from)} until now are sent to it, oldest first (a fresh failure
            streak: three more days of errors stop it again).
          </p>
          {period.clipped && <p className="mt-2">It stopped more than {maxReplayDays} days ago: older events can&apos;t be replayed.</p>}
        </>
      }
      confirmLabel="Enable and replay"
      loading={enable.isPending}
      // Worked out again on confirming: the limit is counted back from the server's now.
      onConfirm={() => endpoint && enable.mutate({ id: endpoint.id, from: missedPeriod(since, maxReplayDays).from, onlyFailed })}
      onCancel={onClose}
    >
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={onlyFailed} onChange={(e) => setOnlyFailed(e.target.checked)} className="mt-0.5 rounded text-brand-600" />
        <span>Only what it missed (events it didn&apos;t receive); untick to send every event of the period again.</span>
      </label>
    </ConfirmDialog>
  );
}
