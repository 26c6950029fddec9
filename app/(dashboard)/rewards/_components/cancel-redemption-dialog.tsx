"use client";
// Cancelling gives the points back (a reversal of the redeem entry), one stock and an unused
// code; like any reversal it needs a reason, kept on the redemption and in the history.
import { useMutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { useRewardsRefresh } from "./use-rewards-refresh";

export type CancellableRedemption = { id: string; rewardTitle: string; points: number; couponCode: string | null; customerLabel: string };

export function CancelRedemptionDialog({ redemption, onClose }: { redemption: CancellableRedemption | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRewardsRefresh();
  const cancel = useMutation(
    trpc.rewards.cancelRedemption.mutationOptions({
      onSuccess: (result) => {
        toast.success(`Redemption cancelled: ${formatPoints(result.points)} points refunded. New balance ${formatPoints(result.balanceAfter)}.`);
        onClose();
        void refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <ReasonDialog
      open={redemption !== null}
      title="Cancel this redemption?"
      description={
        redemption && (
          <>
            {redemption.customerLabel} gets <strong>{formatPoints(redemption.points)}</strong> points back for “{redemption.rewardTitle}”
            {redemption.couponCode ? <>, and code <span className="font-mono">{redemption.couponCode}</span> stops working unless it was already used</> : null}. It can only be done once.
          </>
        )
      }
      confirmLabel="Cancel redemption"
      reasonLabel="Reason for cancelling"
      placeholder="e.g. Redeemed for the wrong customer"
      name="cancel-reason"
      required="A reason is required to cancel a redemption."
      loading={cancel.isPending}
      onCancel={onClose}
      onConfirm={(reason) => redemption && cancel.mutate({ id: redemption.id, reason })}
    />
  );
}
