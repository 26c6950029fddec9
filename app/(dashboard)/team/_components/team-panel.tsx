"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatDate } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { InviteForm } from "./invite-form";
import { OneTimeLinkDialog, type ShownLink } from "./one-time-link-dialog";
import { PendingInvitations } from "./pending-invitations";

type Role = "OWNER" | "STAFF";
type Member = { userId: string; email: string; name: string | null; role: Role };

const roleName = (role: Role) => (role === "OWNER" ? "owner" : "staff");

export function TeamPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useQuery(trpc.team.list.queryOptions());
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [roleChange, setRoleChange] = useState<{ member: Member; role: Role } | null>(null);
  const [resetting, setResetting] = useState<Member | null>(null);
  const [shownLink, setShownLink] = useState<ShownLink | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
  const changeRole = useMutation(
    trpc.team.changeRole.mutationOptions({
      onSuccess: (r) => (toast.success(`Role changed to ${roleName(r.role)}.`), setRoleChange(null), refresh()),
      onError: (error) => (toast.error(error.message), setRoleChange(null), refresh()),
    }),
  );
  const remove = useMutation(
    trpc.team.remove.mutationOptions({
      onSuccess: () => (toast.success(`Removed ${removing?.email ?? "member"} from the team.`), setRemoving(null), refresh()),
      onError: (error) => (toast.error(error.message), setRemoving(null)),
    }),
  );
  const reset = useMutation(
    trpc.team.resetPassword.mutationOptions({
      onSuccess: (link) => (setResetting(null), setShownLink({ kind: "reset", ...link })),
      onError: (error) => (toast.error(error.message), setResetting(null)),
    }),
  );
  return (
    <>
      <PageHeader
        title="Team"
        description="Owners manage everything; staff look after customers and points."
        actions={!inviting && <Button onClick={() => setInviting(true)}>Invite member</Button>}
      />
      {inviting && <InviteForm onDone={() => setInviting(false)} onLink={setShownLink} />}
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {team.isPending ? (
          <TableSkeleton rows={3} />
        ) : team.error ? (
          <div className="p-4"><ErrorState message={team.error.message} /></div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {team.data.map((m) => (
              <li key={m.userId} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center" data-testid="team-row">
                <div className="flex flex-1 items-center gap-3">
                  <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
                    {(m.name ?? m.email).slice(0, 1).toUpperCase()}
                  </span>
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-slate-900">{m.name ?? m.email}</p>
                    <p className="truncate text-xs text-slate-500">{m.email} · joined {formatDate(m.joinedAt)}</p>
                  </div>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <Select
                    aria-label={`Role of ${m.email}`}
                    value={m.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => setRoleChange({ member: m, role: e.target.value as Role })}
                    className="w-32"
                  >
                    <option value="OWNER">Owner</option>
                    <option value="STAFF">Staff</option>
                  </Select>
                  {m.role === "STAFF" && (
                    <Button variant="secondary" size="sm" onClick={() => setResetting(m)}>
                      Reset password
                    </Button>
                  )}
                  <Button variant="secondary" size="sm" onClick={() => setRemoving(m)}>
                    Remove
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <PendingInvitations onLink={setShownLink} />
      <ConfirmDialog
        open={roleChange !== null}
        title={`Make ${roleChange?.member.name ?? roleChange?.member.email ?? ""} ${roleChange?.role === "OWNER" ? "an owner" : "staff"}?`}
        description={
          roleChange?.role === "OWNER"
            ? "Owners manage everything: API keys, settings and the team, including other owners."
            : "They keep customers and points, and lose access to API keys, settings and the team."
        }
        confirmLabel="Change role"
        tone="primary"
        loading={changeRole.isPending}
        onConfirm={() => roleChange && changeRole.mutate({ userId: roleChange.member.userId, role: roleChange.role })}
        onCancel={() => setRoleChange(null)}
      />
      <ConfirmDialog
        open={resetting !== null}
        title={`Reset the password of ${resetting?.name ?? resetting?.email ?? ""}?`}
        description="You get a one-time link for them to choose a new password. Their current password keeps working until they use it; an earlier link stops working."
        confirmLabel="Make reset link"
        tone="primary"
        loading={reset.isPending}
        onConfirm={() => resetting && reset.mutate({ userId: resetting.userId })}
        onCancel={() => setResetting(null)}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? removing?.email ?? ""}?`}
        description="They lose access to this business at once. Their past ledger entries and audit records stay."
        confirmLabel="Remove"
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate({ userId: removing.userId })}
        onCancel={() => setRemoving(null)}
      />
      <OneTimeLinkDialog link={shownLink} onClose={() => setShownLink(null)} />
    </>
  );
}
