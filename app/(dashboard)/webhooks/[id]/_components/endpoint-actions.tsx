"use client";
// What an owner does to an endpoint. Revealing the secret asks first (it is audited), rotating
// explains the 24-hour overlap, deleting asks first; new or revealed secrets show in a dialog.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { formatDateTime } from "@/components/format";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { PublicWebhookEndpoint } from "@/server/webhooks/manage-webhook-endpoints";
import { EndpointForm } from "../../_components/endpoint-form";
import { SecretDialog, type ShownSecret } from "../../_components/secret-box";
import type { EventOption } from "../../_components/webhook-form-schema";

type Confirming = "reveal" | "rotate" | "delete" | null;

export function EndpointActions({ endpoint, events }: { endpoint: PublicWebhookEndpoint; events: EventOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const { id } = endpoint;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const fail = { onError: (error: { message: string }) => toast.error(error.message) };

  const saved = (enabled: boolean | undefined) =>
    enabled === undefined ? "Endpoint saved" : enabled ? "Enabled: deliveries start again" : "Disabled: nothing is sent to it until you enable it";
  const update = useMutation(
    trpc.webhooks.update.mutationOptions({ ...fail, onSuccess: (_, input) => (refresh(), setEditing(false), toast.success(saved(input.enabled))) }),
  );
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions({ ...fail, onSuccess: () => (refresh(), toast.success("Test event queued: watch the delivery log")) }));
  const reveal = useMutation(
    trpc.webhooks.revealSecret.mutationOptions({
      ...fail,
      onSuccess: ({ secret }) => (setConfirming(null), setShown({ title: "Signing secret", note: "Keep it private: whoever has it can sign as us. This reveal is in the audit log.", secret })),
    }),
  );
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      ...fail,
      onSuccess: ({ secret, previousSecretExpiresAt }) => {
        refresh();
        setConfirming(null);
        setShown({ title: "New signing secret", note: `Copy it now: it isn't shown again. The previous secret also signs until ${formatDateTime(previousSecretExpiresAt)}.`, secret });
      },
    }),
  );
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      ...fail,
      onSuccess: () => (toast.success("Endpoint deleted"), void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }), router.push("/webhooks")),
    }),
  );
  const active = endpoint.status === "ACTIVE";

  return (
    <Card title="Endpoint">
      {editing ? (
        <EndpointForm
          events={events}
          initial={{ url: endpoint.url, events: endpoint.events, description: endpoint.description ?? "" }}
          submitLabel="Save changes"
          saving={update.isPending}
          onSubmit={(input) => update.mutate({ id, ...input })}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => sendTest.mutate({ id })} loading={sendTest.isPending} disabled={!active} title={active ? undefined : "Enable the endpoint first"}>
            Send test event
          </Button>
          <Button variant="secondary" onClick={() => setEditing(true)}>Edit</Button>
          <Button variant="secondary" loading={update.isPending} onClick={() => update.mutate({ id, enabled: !active })}>
            {active ? "Disable" : "Enable"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming("reveal")}>Reveal secret</Button>
          <Button variant="secondary" onClick={() => setConfirming("rotate")}>Rotate secret</Button>
          <Button variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => setConfirming("delete")}>Delete</Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming === "reveal"}
        tone="primary"
        title="Reveal the signing secret?"
        description="It will be shown on this screen, and the reveal is recorded in the audit log with your name."
        confirmLabel="Reveal secret"
        loading={reveal.isPending}
        onConfirm={() => reveal.mutate({ id })}
        onCancel={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={confirming === "rotate"}
        tone="primary"
        title="Rotate the signing secret?"
        description="You get a new secret, shown once. For the next 24 hours every request is signed with both the new and the current secret, so your receiver can switch over without missing a delivery; after that only the new one signs."
        confirmLabel="Rotate secret"
        loading={rotate.isPending}
        onConfirm={() => rotate.mutate({ id })}
        onCancel={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={confirming === "delete"}
        title="Delete this endpoint?"
        description="Nothing more is sent to it, and its delivery log and secret are deleted with it. This can't be undone; the audit log keeps a record."
        confirmLabel="Delete endpoint"
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ id })}
        onCancel={() => setConfirming(null)}
      />
      <SecretDialog shown={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
