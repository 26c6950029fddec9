"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatPoints, formatSignedPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import { useCustomerRefresh } from "./use-customer-refresh";

export type ReversibleEntry = { id: string; type: string; points: number; description: string | null };

// A reversal is itself a ledger entry (nothing is deleted), and needs a reason like an adjustment.
export function ReverseDialog({ entry, onClose }: { entry: ReversibleEntry | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useCustomerRefresh();
  const [reason, setReason] = useState("");
  const reverse = useMutation(
    trpc.points.reverse.mutationOptions({
      onSuccess: (result) => {
        toast.success(`Reversed. New balance ${formatPoints(result.balance)}.`);
        setReason("");
        onClose();
        void refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <ConfirmDialog
      open={entry !== null}
      title="Reverse this transaction?"
      description={entry && <>This undoes the {entry.type.toLowerCase()} of <strong>{formatSignedPoints(entry.points)}</strong> points{entry.description ? ` (“${entry.description}”)` : ""} with a new entry. It can only be done once.</>}
      confirmLabel="Reverse"
      loading={reverse.isPending}
      onCancel={() => (setReason(""), onClose())}
      onConfirm={() => {
        if (!entry) return;
        if (!reason.trim()) return void toast.error("A reason is required to reverse a transaction.");
        reverse.mutate({ entryId: entry.id, reason: reason.trim() });
      }}
    >
      <Field label="Reason for the reversal">
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Keyed in twice" maxLength={500} name="reverse-reason" />
      </Field>
    </ConfirmDialog>
  );
}
