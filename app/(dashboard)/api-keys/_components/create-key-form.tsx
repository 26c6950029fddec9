"use client";
// Creating a key shows it exactly once: only its hash is stored, so this is the one chance to
// copy it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/server/api-keys/api-key-scopes";

export function CreateKeyForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["points:read", "points:write"]);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
      onError: (error) => toast.error(error.message),
    }),
  );
  if (create.data) {
    const key = create.data.key;
    return (
      <Card title="Your new API key" className="mb-6 border-emerald-200">
        <p className="text-sm text-slate-600">Copy it now and keep it somewhere safe: you won&apos;t be able to see it again.</p>
        <div className="mt-3 flex flex-col gap-2 sm:flex-row">
          <code className="keep-dark flex-1 break-all rounded-lg bg-slate-900 px-3 py-2 font-mono text-sm text-emerald-300" data-testid="new-api-key">
            {key}
          </code>
          <Button
            variant="secondary"
            onClick={() => navigator.clipboard.writeText(key).then(() => toast.success("Key copied to the clipboard"), () => toast.error("Couldn't copy: select the key and copy it by hand"))}
          >
            Copy
          </Button>
        </div>
        <Button className="mt-4" onClick={onDone}>
          Done
        </Button>
      </Card>
    );
  }
  const toggle = (scope: ApiKeyScope) => setScopes((s) => (s.includes(scope) ? s.filter((x) => x !== scope) : [...s, scope]));
  return (
    <Card title="Create an API key" className="mb-6">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, scopes });
        }}
      >
        <Field label="Name" hint="Where the key will be used, e.g. “Front counter till”.">
          <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} name="name" />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <p className="text-xs text-slate-500">
            Leave all unticked for a key that can do everything. <span className="font-mono">customers:erase</span> erases customers for good
            and forfeits their points; <span className="font-mono">customers:write</span> doesn&apos;t include it.
          </p>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {API_KEY_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm">
                <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} className="rounded text-brand-600" />
                <span className="font-mono text-xs">{scope}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex gap-2">
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
