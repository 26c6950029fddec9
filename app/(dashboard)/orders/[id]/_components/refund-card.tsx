"use client";
// Recording a refund: an amount, or items returned (quantities per line), then a confirmation.
// One idempotency key from the moment the form opens until a refund is answered: a retry after
// a lost answer (a dropped connection, a proxy's 502) replays the first instead of refunding
// twice, and a changed form under that key is refused rather than refunded again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatMoney, formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import type { OrderDetail } from "@/server/orders/get-order-detail";
import { toMinorUnits } from "./money-input";

type Request = { amount?: number; items?: { productExternalId: string; quantity: number }[]; label: string };
type Answer = { amount: number; pointsTaken: number; pointsUnrecovered: number; replay: boolean };

export function RefundCard({ order: o }: { order: OrderDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"amount" | "items">("amount");
  const [amountText, setAmountText] = useState("");
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [confirming, setConfirming] = useState<Request | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const money = (minor: number) => formatMoney(minor, o.currency);
  const left = o.subtotal - o.discount + o.shipping + o.tax - o.amountRefunded;
  const refreshAll = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() })]);
  const refund = useMutation(
    trpc.orders.refund.mutationOptions({
      onSuccess: (r) => {
        setAnswer({ amount: r.refund.amount, pointsTaken: r.refund.pointsTaken, pointsUnrecovered: r.refund.pointsUnrecovered, replay: r.replay });
        toast.success(`Refund of ${money(r.refund.amount)} recorded.`);
        setConfirming(null);
        setAmountText("");
        setQuantities({});
        setKey(crypto.randomUUID());
        void refreshAll();
      },
      onError: (e) => {
        setError(e.message);
        // Refused (too much, wrong status, ...): nothing was refunded, a new try is a new
        // request. Anything else may have been refunded: keep the key, so trying again replays.
        if (e.data?.appCode && e.data.appCode !== "IDEMPOTENCY_IN_PROGRESS") setKey(crypto.randomUUID());
        setConfirming(null);
        void refreshAll();
      },
    }),
  );

  if (o.status !== "PAID" && o.status !== "FULFILLED") {
    return <Card title="Refund"><p className="text-sm text-slate-500">Only a paid or fulfilled order can be refunded{o.status === "PENDING" ? ": cancel a pending one instead" : ""}.</p></Card>;
  }
  if (left <= 0) return <Card title="Refund"><Outcome answer={answer} money={money} /><p className="text-sm text-slate-500">Fully refunded.</p></Card>;

  const submit = () => {
    setError(null);
    setAnswer(null);
    if (mode === "amount") {
      const amount = toMinorUnits(amountText, o.currency);
      if (amount === null || amount <= 0) return setError("Enter the amount refunded, e.g. 15.00.");
      if (amount > left) return setError(`At most ${money(left)} is left to refund on this order.`);
      return setConfirming({ amount, label: money(amount) });
    }
    const items = (o.items ?? []).flatMap((line, i) => {
      const quantity = Number(quantities[i] || 0);
      return quantity > 0 ? [{ productExternalId: line.productExternalId, quantity }] : [];
    });
    if (items.length === 0) return setError("Enter how many of each item came back.");
    setConfirming({ items, label: items.map((i) => `${i.quantity} × ${i.productExternalId}`).join(", ") });
  };

  return (
    <Card title="Refund">
      <Outcome answer={answer} money={money} />
      <form className="space-y-4" onSubmit={(e) => (e.preventDefault(), submit())}>
        <div className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm" role="radiogroup" aria-label="Refund by">
          {(["amount", "items"] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} onClick={() => (setMode(m), setError(null))} className={`flex-1 rounded-md px-3 py-1.5 font-medium ${mode === m ? "bg-white shadow-sm" : "text-slate-600"}`}>
              {m === "amount" ? "An amount" : "Items returned"}
            </button>
          ))}
        </div>
        {mode === "amount" ? (
          <Field label={`Amount (${o.currency})`} hint={`${money(left)} left to refund. Points come back in proportion.`}>
            <Input name="amount" inputMode="decimal" placeholder="e.g. 15.00" value={amountText} onChange={(e) => (setAmountText(e.target.value), setError(null))} data-testid="refund-amount" />
          </Field>
        ) : (
          <div className="space-y-2">
            {(o.items ?? []).map((line, i) =>
              line.quantity - line.quantityRefunded > 0 ? (
                <label key={i} className="flex items-center justify-between gap-3 text-sm">
                  <span className="min-w-0 truncate">{line.productExternalId} <span className="text-slate-500">({line.quantity - line.quantityRefunded} left)</span></span>
                  <Input type="number" min={0} max={line.quantity - line.quantityRefunded} value={quantities[i] ?? ""} onChange={(e) => (setQuantities({ ...quantities, [i]: e.target.value }), setError(null))} className="w-20" aria-label={`Quantity of ${line.productExternalId} returned`} />
                </label>
              ) : null,
            )}
          </div>
        )}
        {error && <p role="alert" data-testid="refund-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        <Button type="submit" className="w-full" data-testid="refund-submit">Refund…</Button>
      </form>
      <ConfirmDialog
        open={confirming !== null}
        title={`Refund ${confirming?.label ?? ""}?`}
        description="The points this part of the order earned are taken back from the customer; what they already spent is recorded as unrecovered. This can't be undone."
        confirmLabel="Record refund"
        loading={refund.isPending}
        onConfirm={() => confirming && refund.mutate({ externalId: o.externalId, amount: confirming.amount, items: confirming.items, idempotencyKey: key })}
        onCancel={() => setConfirming(null)}
      />
    </Card>
  );
}

// What the refund did to the points, in words.
function Outcome({ answer, money }: { answer: Answer | null; money: (minor: number) => string }) {
  if (!answer) return null;
  const taken = answer.pointsTaken > 0 ? `${formatPoints(answer.pointsTaken)} points taken back from the customer.` : "No points taken back.";
  return (
    <div className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="refund-outcome" role="status">
      <p>{answer.replay ? "This refund was already recorded: " : "Refunded "}{money(answer.amount)}. {taken}</p>
      {answer.pointsUnrecovered > 0 && (
        <p className="mt-1 text-amber-800">{formatPoints(answer.pointsUnrecovered)} points could not be taken back: the customer had already spent them. They are recorded as unrecovered on the order.</p>
      )}
    </div>
  );
}
