"use client";
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { formatPoints, formatSignedPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useCustomerRefresh } from "./use-customer-refresh";

export type ReversibleEntry = { id: string; type: string; points: number; description: string | null };

// A reversal is itself a ledger entry (nothing is deleted), and needs a reason like an adjustment.
export function ReverseDialog({ entry, onClose }: { entry: ReversibleEntry | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useCustomerRefresh();
  const reverse = useMutation(
    trpc.points.reverse.mutationOptions({
      onSuccess: (result) => {
        toast.success(`Reversed. New balance ${formatPoints(result.balance)}.`);
        onClose();
        void refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <ReasonDialog
      open={entry !== null}
      title="Reverse this transaction?"
      description={entry && <>This undoes the {entry.type.toLowerCase()} of <strong>{formatSignedPoints(entry.points)}</strong> points{entry.description ? ` (“${entry.description}”)` : ""} with a new entry. It can only be done once.</>}
      confirmLabel="Reverse"
      reasonLabel="Reason for the reversal"
      placeholder="e.g. Keyed in twice"
      name="reverse-reason"
      required="A reason is required to reverse a transaction."
      loading={reverse.isPending}
      onCancel={onClose}
      onConfirm={(reason) => entry && reverse.mutate({ entryId: entry.id, reason })}
    />
  );
}
