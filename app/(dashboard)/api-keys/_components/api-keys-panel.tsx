"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { CreateKeyForm } from "./create-key-form";
import { SimpleTable } from "@/components/ui/simple-table";

export function ApiKeysPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: (key) => {
        toast.success(`Revoked “${key.name}”. Calls with it are refused from now on.`);
        setRevoking(null);
        void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let your tills, online store and back office call the points API for this business."
        actions={!creating && <Button onClick={() => setCreating(true)}>Create key</Button>}
      />
      {creating && <CreateKeyForm onDone={() => setCreating(false)} />}
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {keys.isPending ? (
          <TableSkeleton rows={3} />
        ) : keys.error ? (
          <div className="p-4"><ErrorState message={keys.error.message} /></div>
        ) : keys.data.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No API keys yet" description="Create a key to connect a till or your online store." />
          </div>
        ) : (
          <>
            {/* Phones: one card per key with Revoke in reach; wider screens: the table. */}
            <ul className="divide-y divide-slate-100 sm:hidden">
              {keys.data.map((key) => (
                <li key={key.id} data-testid="api-key-card" className={`space-y-2 px-4 py-3 text-sm ${key.revokedAt ? "text-slate-500" : ""}`}>
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="truncate font-medium">{key.name}</p>
                      <p className="font-mono text-xs">{key.prefix}…{key.last4}</p>
                    </div>
                    <KeyAction revokedAt={key.revokedAt} onRevoke={() => setRevoking({ id: key.id, name: key.name })} />
                  </div>
                  <div className="flex flex-wrap gap-1">
                    {key.scopes.length === 0 ? <Pill>all</Pill> : key.scopes.map((s) => <Pill key={s}>{s}</Pill>)}
                  </div>
                  <p className="text-xs text-slate-600">
                    Created {formatDateTime(key.createdAt)} · {key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt)}` : "never used"}
                  </p>
                </li>
              ))}
            </ul>
            <div className="hidden overflow-x-auto sm:block">
              <SimpleTable columns={[{ label: "Name" }, { label: "Key" }, { label: "Scopes" }, { label: "Created" }, { label: "Last used" }, { label: "" }]}>
                {keys.data.map((key) => (
                  <tr key={key.id} data-testid="api-key-row" className={key.revokedAt ? "text-slate-500" : ""}>
                    <td className="px-4 py-3 font-medium">{key.name}</td>
                    <td className="px-4 py-3 font-mono text-xs">{key.prefix}…{key.last4}</td>
                    <td className="px-4 py-3">
                      <div className="flex flex-wrap gap-1">
                        {key.scopes.length === 0 ? <Pill>all</Pill> : key.scopes.map((s) => <Pill key={s}>{s}</Pill>)}
                      </div>
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(key.createdAt)}</td>
                    <td className="px-4 py-3 whitespace-nowrap">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
                    <td className="px-4 py-3 text-right">
                      <KeyAction revokedAt={key.revokedAt} onRevoke={() => setRevoking({ id: key.id, name: key.name })} />
                    </td>
                  </tr>
                ))}
              </SimpleTable>
            </div>
          </>
        )}
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Anything still using this key will get 401 Unauthorized on its next call. This can't be undone."
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}

function KeyAction({ revokedAt, onRevoke }: { revokedAt: Date | string | null; onRevoke: () => void }) {
  if (revokedAt) return <Pill tone="red">Revoked</Pill>;
  return (
    <Button variant="secondary" size="sm" onClick={onRevoke}>
      Revoke
    </Button>
  );
}
