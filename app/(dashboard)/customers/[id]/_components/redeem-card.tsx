"use client";
// Redeeming at the counter: only the rewards this customer can have right now (active, in
// their window, in stock, within their points), a confirmation, then the code to hand over.
// One idempotency key per confirmation: a double click or a retry of it redeems once.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatPoints } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Select } from "@/components/ui/field";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { useCustomerRefresh } from "./use-customer-refresh";

type Issued = { title: string; points: number; couponCode: string | null; balanceAfter: number };

export function RedeemCard({ customerId, balance, locked }: { customerId: string; balance: number; locked: boolean }) {
  const trpc = useTRPC();
  const refresh = useCustomerRefresh();
  const affordable = useQuery(trpc.rewards.list.queryOptions({ customerId, perPage: 100 }));
  const [rewardId, setRewardId] = useState("");
  const [confirming, setConfirming] = useState<{ key: string } | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  // One idempotency key per reward until the redemption is answered: a retry after a lost
  // answer (a dropped connection, a proxy's 502) replays the first instead of redeeming twice.
  const [attempt, setAttempt] = useState<{ rewardId: string; key: string } | null>(null);
  const redeem = useMutation(
    trpc.rewards.redeem.mutationOptions({
      onSuccess: (r) => {
        setIssued({ title: r.rewardTitle, points: r.points, couponCode: r.couponCode, balanceAfter: r.balanceAfter });
        toast.success(`Redeemed “${r.rewardTitle}”. New balance ${formatPoints(r.balanceAfter)}.`);
        setConfirming(null);
        setRewardId("");
        setAttempt(null);
        void refresh();
      },
      onError: (e) => {
        toast.error(e.message);
        // Refused (out of stock, short of points, ...): nothing was redeemed, a new try is a new
        // request. Anything else may have been redeemed: keep the key, so trying again replays.
        if (e.data?.appCode && e.data.appCode !== "IDEMPOTENCY_IN_PROGRESS") setAttempt(null);
        setConfirming(null);
        void refresh();
      },
    }),
  );
  const items = affordable.data?.items ?? [];
  const chosen = items.find((r) => r.id === rewardId);
  return (
    <Card title="Redeem a reward">
      {issued && <IssuedCode issued={issued} onDone={() => setIssued(null)} />}
      {affordable.isPending ? (
        <Skeleton className="h-20" />
      ) : affordable.error ? (
        <ErrorState message={affordable.error.message} />
      ) : locked ? (
        <p className="text-sm text-slate-500">This customer is locked: unlock them to redeem.</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="no-affordable-rewards">No reward is within their {formatPoints(balance)} points right now.</p>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return void toast.error("Choose a reward first.");
            const key = attempt?.rewardId === chosen.id ? attempt.key : crypto.randomUUID();
            setAttempt({ rewardId: chosen.id, key });
            setConfirming({ key });
          }}
        >
          <Field label="Reward" hint={`Rewards within their ${formatPoints(balance)} points, available now.`}>
            <Select name="reward" value={rewardId} onChange={(e) => setRewardId(e.target.value)}>
              <option value="">Choose a reward…</option>
              {items.map((r) => (
                <option key={r.id} value={r.id}>{`${r.title} · ${formatPoints(r.pointsCost)} pts`}</option>
              ))}
            </Select>
          </Field>
          <Button type="submit" className="w-full" disabled={!chosen}>Redeem…</Button>
        </form>
      )}
      <ConfirmDialog
        open={confirming !== null && chosen !== undefined}
        title={`Redeem “${chosen?.title ?? ""}”?`}
        description={chosen && <>This spends <strong>{formatPoints(chosen.pointsCost)}</strong> points, leaving {formatPoints(balance - chosen.pointsCost)}.{chosen.couponMode !== "NONE" && " You'll get a code to give the customer."}</>}
        confirmLabel="Redeem"
        tone="primary"
        loading={redeem.isPending}
        onConfirm={() => confirming && chosen && redeem.mutate({ rewardId: chosen.id, customerId, idempotencyKey: confirming.key })}
        onCancel={() => setConfirming(null)}
      />
    </Card>
  );
}

// The code is what the customer leaves with: big, selectable, and one click to copy.
function IssuedCode({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  const copy = (code: string) =>
    navigator.clipboard.writeText(code).then(
      () => toast.success("Code copied."),
      () => toast.error("Couldn't copy: select the code and copy it by hand."),
    );
  return (
    <div className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-4" data-testid="issued-redemption">
      <p className="text-sm text-emerald-900">
        Redeemed “{issued.title}” for {formatPoints(issued.points)} points. New balance {formatPoints(issued.balanceAfter)}.
      </p>
      {issued.couponCode ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <code className="min-w-0 break-all rounded-md bg-white px-3 py-2 font-mono text-lg font-semibold tracking-wider text-slate-900 ring-1 ring-emerald-200" data-testid="issued-code">
            {issued.couponCode}
          </code>
          <Button variant="secondary" size="sm" onClick={() => void copy(issued.couponCode!)}>Copy code</Button>
        </div>
      ) : (
        <p className="mt-1 text-sm text-emerald-900">This reward has no code: hand it over.</p>
      )}
      <Button variant="ghost" size="sm" className="mt-2" onClick={onDone}>Done</Button>
    </div>
  );
}
