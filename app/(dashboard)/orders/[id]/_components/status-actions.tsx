"use client";
// Moving an order on by hand (a shop that doesn't send status updates): only the moves the
// server allows (pending → paid → fulfilled, any → cancelled), each confirmed first.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { OrderDetail } from "@/server/orders/get-order-detail";

type Target = "PAID" | "FULFILLED" | "CANCELLED";
const MOVES: Record<OrderDetail["status"], Target[]> = { PENDING: ["PAID", "FULFILLED", "CANCELLED"], PAID: ["FULFILLED", "CANCELLED"], FULFILLED: ["CANCELLED"], CANCELLED: [] };
const LABEL: Record<Target, string> = { PAID: "Mark paid", FULFILLED: "Mark fulfilled", CANCELLED: "Cancel order" };

export function StatusActions({ order: o }: { order: OrderDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Target | null>(null);
  const move = useMutation(
    trpc.orders.setStatus.mutationOptions({
      onSuccess: ({ order }) => {
        const back = order.pointsRefunded + order.pointsUnrecovered - o.pointsRefunded - o.pointsUnrecovered;
        toast.success(order.status === "CANCELLED" && back > 0 ? `Order cancelled; ${formatPoints(order.pointsRefunded - o.pointsRefunded)} points taken back${order.pointsUnrecovered > o.pointsUnrecovered ? `, ${formatPoints(order.pointsUnrecovered - o.pointsUnrecovered)} unrecovered (already spent)` : ""}.` : `Order is now ${order.status.toLowerCase()}.`);
        setTarget(null);
        void Promise.all([queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() })]);
      },
      onError: (e) => (toast.error(e.message), setTarget(null)),
    }),
  );
  const moves = MOVES[o.status];
  if (moves.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {moves.map((m) => (
        <Button key={m} variant={m === "CANCELLED" ? "danger" : "secondary"} onClick={() => setTarget(m)}>{LABEL[m]}</Button>
      ))}
      <ConfirmDialog
        open={target !== null}
        title={target ? `${LABEL[target]}?` : ""}
        description={
          target === "CANCELLED"
            ? "Cancelling takes back the points the order was awarded (what the customer already spent is recorded as unrecovered). A cancelled order stays cancelled."
            : "The order's points are awarded when it reaches the status your program awards at (paid or fulfilled)."
        }
        confirmLabel={target ? LABEL[target] : ""}
        tone={target === "CANCELLED" ? "danger" : "primary"}
        loading={move.isPending}
        onConfirm={() => target && move.mutate({ externalId: o.externalId, status: target })}
        onCancel={() => setTarget(null)}
      />
    </div>
  );
}
