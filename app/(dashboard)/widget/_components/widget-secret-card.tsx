"use client";
// The widget secret the store's server signs customer tokens with. Made or rotated here and
// shown this once (the server never reads it back); afterwards only the fact that one exists
// and when it was made. A rotation keeps the old secret valid for a day (rotate-widget-secret.ts).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyBlock } from "./copy-block";

type Props = { hasSecret: boolean; secretRotatedAt: Date | null; previousSecretExpiresAt: Date | null };

export function WidgetSecretCard({ hasSecret, secretRotatedAt, previousSecretExpiresAt }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // Only in this component's state: gone on reload or when the owner hides it.
  const [shown, setShown] = useState<string | null>(null);
  const rotate = useMutation(
    trpc.widget.rotateSecret.mutationOptions({
      onSuccess: ({ secret }) => {
        setConfirming(false);
        setShown(secret);
        toast.success(hasSecret ? "Secret rotated" : "Secret created");
        void queryClient.invalidateQueries({ queryKey: trpc.widget.get.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const action = hasSecret ? "Rotate secret" : "Create secret";
  return (
    <Card title="Widget secret" action={<Button size="sm" variant={hasSecret ? "secondary" : "primary"} onClick={() => (hasSecret ? setConfirming(true) : rotate.mutate())} loading={rotate.isPending && !confirming}>{action}</Button>}>
      <div className="space-y-3 text-sm text-slate-600" data-testid="widget-secret">
        {shown ? (
          <div className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3">
            <p className="font-medium text-amber-900">Copy this secret now: you won&apos;t see it again.</p>
            <p className="text-amber-800">Keep it on your store&apos;s server only (for example as LOYALTY_WIDGET_SECRET), never in a web page. Lost it? Rotate it.</p>
            <CopyBlock label="Widget secret" text={shown} testId="widget-secret-value" what="Secret copied" />
            <Button size="sm" variant="ghost" onClick={() => setShown(null)}>I&apos;ve stored it: hide</Button>
          </div>
        ) : null}
        {hasSecret ? (
          <p data-testid="secret-status">A secret exists, made {formatDateTime(secretRotatedAt)}. It is never shown again: rotate it to get a new one.</p>
        ) : (
          <p data-testid="secret-status">No secret yet. Create one to let your store sign customers in to the widget; visitors see the programme without it.</p>
        )}
        {previousSecretExpiresAt && (
          <p className="text-amber-800" data-testid="previous-secret">The previous secret still works until {formatDateTime(previousSecretExpiresAt)}, so your store can switch without signing anyone out.</p>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Rotate the widget secret?"
        description={
          <>
            A new secret is made and shown once. The current one keeps working for one more day (24 hours), then tokens signed with it are refused: put the
            new one on your store&apos;s server before then.
          </>
        }
        confirmLabel="Rotate secret"
        tone="primary"
        loading={rotate.isPending}
        onConfirm={() => rotate.mutate()}
        onCancel={() => setConfirming(false)}
      />
    </Card>
  );
}
