"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import type { ShownLink } from "./one-time-link-dialog";

// The answer is an invitation link whether or not the email already has an account.
export function InviteForm({ onDone, onLink }: { onDone: () => void; onLink: (link: ShownLink) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: "", role: "STAFF" as "STAFF" | "OWNER" });
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: trpc.team.invitations.queryKey() });
        onLink({ kind: "invitation", ...result });
        onDone();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <Card title="Invite a team member" className="mb-6">
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate(form);
        }}
      >
        <Field label="Email" hint="They get a link to join: with their account if they have one, or a new one.">
          <Input type="email" name="email" required value={form.email} onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))} />
        </Field>
        <Field label="Role">
          <Select name="role" value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as "STAFF" | "OWNER" }))}>
            <option value="STAFF">Staff: customers and points</option>
            <option value="OWNER">Owner: everything, incl. keys and settings</option>
          </Select>
        </Field>
        <div className="flex gap-2 sm:col-span-2">
          <Button type="submit" loading={invite.isPending}>
            Send invitation
          </Button>
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
