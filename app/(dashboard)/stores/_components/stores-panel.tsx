"use client";
// The business's stores, open and closed. Owners add, edit, close and reopen them (closing keeps
// a store in history; new points can't name it); staff see the list only.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState, ErrorState, Pill, TableSkeleton } from "@/components/ui/states";
import { StoreForm } from "./store-form";

type Store = { id: string; name: string; code: string; address: string | null; active: boolean };

// A taken code is the code field's problem; anything else goes to a toast.
const codeErrorOf = (error: { message: string; data?: { appCode?: string } | null } | null) => (error?.data?.appCode === "ALREADY_EXISTS" ? error.message : undefined);

export function StoresPanel({ isOwner }: { isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stores = useQuery(trpc.stores.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [closing, setClosing] = useState<Store | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.stores.list.queryKey() });
  const onError = (error: { message: string; data?: { appCode?: string } | null }) => {
    if (!codeErrorOf(error)) toast.error(error.message);
  };
  const create = useMutation(trpc.stores.create.mutationOptions({ onSuccess: (s) => (toast.success(`Store ${s.code} added`), setAdding(false), refresh()), onError }));
  const update = useMutation(
    trpc.stores.update.mutationOptions({
      onSuccess: (s) => (toast.success(`Store ${s.code} saved`), setEditing(null), setClosing(null), refresh()),
      onError,
    }),
  );
  const startEdit = (id: string | null) => (update.reset(), setEditing(id));
  return (
    <>
      <PageHeader
        title="Stores"
        description="Where points are earned and spent. Your tills name a store by its code; a closed store stays in history."
        actions={isOwner && !adding && <Button onClick={() => (create.reset(), setAdding(true))}>Add store</Button>}
      />
      {adding && (
        <Card title="Add a store" className="mb-6">
          <StoreForm
            submitLabel="Add store"
            saving={create.isPending}
            codeError={codeErrorOf(create.error)}
            onSubmit={({ address, ...input }) => create.mutate({ ...input, address: address ?? undefined })}
            onCancel={() => setAdding(false)}
          />
        </Card>
      )}
      {stores.isPending ? (
        <TableSkeleton rows={3} />
      ) : stores.error ? (
        <ErrorState message={stores.error.message} />
      ) : stores.data.length === 0 ? (
        <EmptyState title="No stores yet" description={isOwner ? "Add your shops or tills to see where points are earned." : "An owner can add the business's stores."} />
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          {stores.data.map((store) => (
            <li key={store.id} data-testid="store-row" className="px-4 py-4 sm:px-5">
              {editing === store.id ? (
                <StoreForm
                  initial={{ name: store.name, code: store.code, address: store.address ?? "" }}
                  submitLabel="Save store"
                  saving={update.isPending}
                  codeError={codeErrorOf(update.error)}
                  onSubmit={(input) => update.mutate({ id: store.id, ...input })}
                  onCancel={() => startEdit(null)}
                />
              ) : (
                <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="break-words font-medium text-slate-900">{store.name}</span>
                      <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{store.code}</span>
                      {store.active ? <Pill tone="green">Open</Pill> : <Pill tone="slate">Closed</Pill>}
                    </div>
                    <p className="mt-1 break-words text-sm text-slate-500">{store.address ?? "No address"}</p>
                  </div>
                  {isOwner && (
                    <div className="flex shrink-0 gap-2">
                      <Button variant="secondary" size="sm" onClick={() => startEdit(store.id)}>
                        Edit
                      </Button>
                      {store.active ? (
                        <Button variant="ghost" size="sm" onClick={() => setClosing(store)}>
                          Close
                        </Button>
                      ) : (
                        <Button variant="ghost" size="sm" loading={update.isPending && update.variables?.id === store.id} onClick={() => update.mutate({ id: store.id, active: true })}>
                          Reopen
                        </Button>
                      )}
                    </div>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={closing !== null}
        title={`Close ${closing?.name ?? "this store"}?`}
        description="Its history stays, and you can reopen it; until then, new points can't name it."
        confirmLabel="Close store"
        loading={update.isPending}
        onConfirm={() => closing && update.mutate({ id: closing.id, active: false })}
        onCancel={() => setClosing(null)}
      />
    </>
  );
}
