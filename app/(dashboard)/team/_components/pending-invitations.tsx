"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ShownLink } from "./one-time-link-dialog";

type Invitation = { id: string; email: string; role: "OWNER" | "STAFF"; expiresAt: Date; expired: boolean };

// Invitations not yet accepted: the owner can withdraw one or make a fresh link (the old link
// stops working), e.g. when the first one expired or was lost.
export function PendingInvitations({ onLink }: { onLink: (link: ShownLink) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.team.invitations.queryOptions());
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.team.invitations.queryKey() });
  const renew = useMutation(
    trpc.team.renewInvitation.mutationOptions({
      onSuccess: (link) => (refresh(), onLink({ kind: "invitation", ...link })),
      onError: (error) => toast.error(error.message),
    }),
  );
  const revoke = useMutation(
    trpc.team.revokeInvitation.mutationOptions({
      onSuccess: () => (toast.success(`Withdrew the invitation for ${revoking?.email ?? ""}.`), setRevoking(null), refresh()),
      onError: (error) => (toast.error(error.message), setRevoking(null), refresh()),
    }),
  );
  if (!invitations.data?.length) return null;
  return (
    <section className="mt-6">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">Pending invitations</h2>
      <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {invitations.data.map((i) => (
          <li key={i.id} className="flex flex-col gap-3 px-5 py-3 sm:flex-row sm:items-center" data-testid="invitation-row">
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-slate-900">{i.email}</p>
              <p className={`text-xs ${i.expired ? "text-amber-700" : "text-slate-500"}`}>
                {i.role === "OWNER" ? "Owner" : "Staff"} · {i.expired ? "link expired" : `link valid until ${formatDateTime(i.expiresAt)}`}
              </p>
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" loading={renew.isPending && renew.variables?.id === i.id} onClick={() => renew.mutate({ id: i.id })}>
                New link
              </Button>
              <Button variant="secondary" size="sm" onClick={() => setRevoking(i)}>
                Withdraw
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={revoking !== null}
        title={`Withdraw the invitation for ${revoking?.email ?? ""}?`}
        description="Its link stops working at once. You can invite them again later."
        confirmLabel="Withdraw"
        loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={() => setRevoking(null)}
      />
    </section>
  );
}
