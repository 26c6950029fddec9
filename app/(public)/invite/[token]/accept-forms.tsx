"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/server/auth/password-policy";
import { FormError } from "../../_components/change-password-form";
import { acceptAsNewAction, acceptAsSignedInAction, type AcceptState } from "./actions";

export function AcceptAsSignedIn({ token }: { token: string }) {
  const [state, action, pending] = useActionState<AcceptState>(acceptAsSignedInAction.bind(null, token), { error: null });
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <Button type="submit" loading={pending} className="w-full">
        Accept invitation
      </Button>
    </form>
  );
}

export function AcceptAsNew({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptAsNewAction.bind(null, token), { error: null });
  return (
    <form action={action} className="space-y-4">
      <Field label="Email">
        <Input value={email} readOnly disabled />
      </Field>
      <Field label="Your name">
        <Input name="name" autoComplete="name" required maxLength={120} autoFocus />
      </Field>
      <Field label="Choose a password" hint={`At least ${PASSWORD_MIN} characters.`}>
        <Input name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} />
      </Field>
      <Field label="Repeat the password">
        <Input name="confirmPassword" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} />
      </Field>
      <FormError message={state.error} />
      <Button type="submit" loading={pending} className="w-full">
        Create account and join
      </Button>
    </form>
  );
}
