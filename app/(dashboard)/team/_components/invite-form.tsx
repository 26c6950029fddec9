"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "@/components/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";

export function InviteForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: "", name: "", temporaryPassword: "", role: "STAFF" as "STAFF" | "OWNER" });
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: (result) => {
        toast.success(
          result.existingAccount
            ? `${result.email} already had an account: they can sign in with their own password.`
            : `Added ${result.email}. Give them the temporary password to sign in.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        onDone();
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <Card title="Invite a team member" className="mb-6">
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate({ ...form, name: form.name || undefined });
        }}
      >
        <Field label="Email">
          <Input type="email" name="email" required value={form.email} onChange={set("email")} />
        </Field>
        <Field label="Name (optional)">
          <Input name="name" value={form.name} onChange={set("name")} />
        </Field>
        <Field label="Temporary password" hint="At least 8 characters. Share it with them privately.">
          <Input name="temporaryPassword" type="text" minLength={8} required value={form.temporaryPassword} onChange={set("temporaryPassword")} />
        </Field>
        <Field label="Role">
          <Select name="role" value={form.role} onChange={set("role")}>
            <option value="STAFF">Staff: customers and points</option>
            <option value="OWNER">Owner: everything, incl. keys and settings</option>
          </Select>
        </Field>
        <div className="flex gap-2 sm:col-span-2">
          <Button type="submit" loading={invite.isPending}>
            Add to team
          </Button>
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
