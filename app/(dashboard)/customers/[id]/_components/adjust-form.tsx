"use client";
// Manual adjustment: the preview of the resulting balance and the overdraw check are for the
// person typing; the ledger enforces both again (INSUFFICIENT_POINTS, CHECK balance >= 0).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatPoints, formatSignedPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useCustomerRefresh } from "./use-customer-refresh";

export function AdjustForm({ customerId, balance }: { customerId: string; balance: number }) {
  const trpc = useTRPC();
  const refresh = useCustomerRefresh();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const adjust = useMutation(
    trpc.points.adjust.mutationOptions({
      onSuccess: (result) => {
        toast.success(`Adjusted ${formatSignedPoints(result.transaction.points)} points. New balance ${formatPoints(result.balance)}.`);
        setPoints("");
        setReason("");
        void refresh();
      },
      onError: (e) => setError(e.data?.appCode === "INSUFFICIENT_POINTS" ? `Not enough points: the balance is ${formatPoints(balance)}, so at most −${formatPoints(balance)} can be taken.` : e.message),
    }),
  );
  const amount = /^[+-]?\d+$/.test(points.trim()) ? Number(points) : null;
  const resulting = amount === null ? null : balance + amount;
  const overdraw = resulting !== null && resulting < 0;
  return (
    <Card title="Adjust points">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          if (amount === null || amount === 0) return setError("Enter a whole number of points, e.g. 50 or -20.");
          if (overdraw) return setError(`Not enough points: the balance is ${formatPoints(balance)}, so at most −${formatPoints(balance)} can be taken.`);
          if (!reason.trim()) return setError("A reason is required for every adjustment.");
          adjust.mutate({ customerId, points: amount, reason: reason.trim(), idempotencyKey: crypto.randomUUID() });
        }}
      >
        <Field label="Points (+ to add, − to remove)">
          <Input name="points" inputMode="numeric" placeholder="e.g. 50 or -20" value={points} onChange={(e) => (setPoints(e.target.value), setError(null))} />
        </Field>
        <Field label="Reason" hint="Shown in the history and the audit log.">
          <Input name="reason" placeholder="e.g. Apology for a late order" value={reason} onChange={(e) => (setReason(e.target.value), setError(null))} maxLength={500} />
        </Field>
        {resulting !== null && amount !== 0 && (
          <p className={`text-sm ${overdraw ? "text-red-600" : "text-slate-600"}`} data-testid="resulting-balance">
            Resulting balance: <strong className="tabular-nums">{formatPoints(resulting)}</strong> points
          </p>
        )}
        {error && <p role="alert" data-testid="form-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        <Button type="submit" loading={adjust.isPending} className="w-full">Apply adjustment</Button>
      </form>
    </Card>
  );
}
