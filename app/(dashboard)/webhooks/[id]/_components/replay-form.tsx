"use client";
// Send the events of a past period again (after the receiver had an outage): by default only
// the ones this endpoint hasn't received, as new deliveries with the same webhook-id.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { replayFormSchema, toLocalInput, toReplayInput, type ReplayFormValues } from "../../_components/webhook-form-schema";

const DAY_MS = 24 * 60 * 60 * 1000;

export function ReplayForm({ endpointId, active, maxReplayDays }: { endpointId: string; active: boolean; maxReplayDays: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The default period (the last day) is set once, when the form first shows.
  const [defaults] = useState<ReplayFormValues>(() => ({ from: toLocalInput(new Date(Date.now() - DAY_MS)), to: "", onlyFailed: true }));
  const { register, handleSubmit, formState } = useForm<ReplayFormValues>({ resolver: zodResolver(replayFormSchema), defaultValues: defaults });
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({
      onSuccess: ({ queued, more }) => {
        toast.success(queued === 0 ? "Nothing to replay in that period." : `${queued} ${queued === 1 ? "event" : "events"} queued${more ? "; replay again for the rest" : ""}.`);
        void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <Card title="Replay a period">
      <form className="space-y-4" onSubmit={handleSubmit((values) => replay.mutate({ id: endpointId, ...toReplayInput(values) }))} noValidate>
        <p className="text-sm text-slate-500">
          Send the events of a period again, oldest first, each with its original webhook-id so your receiver can tell a repeat. At most{" "}
          {maxReplayDays} days at a time.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="From" error={formState.errors.from?.message}>
            <Input type="datetime-local" {...register("from")} />
          </Field>
          <Field label="To" hint="Leave empty for now." error={formState.errors.to?.message}>
            <Input type="datetime-local" {...register("to")} />
          </Field>
        </div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" {...register("onlyFailed")} className="mt-0.5 rounded text-brand-600" />
          <span>Only missed events (not delivered and not on their way); untick to send every event of the period.</span>
        </label>
        <Button type="submit" loading={replay.isPending} disabled={!active} title={active ? undefined : "Enable the endpoint first"}>
          Replay
        </Button>
        {!active && <p className="text-xs text-slate-500">The endpoint is off: enable it first (or use “Enable and replay what it missed” above).</p>}
      </form>
    </Card>
  );
}
