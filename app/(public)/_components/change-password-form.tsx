"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/server/auth/password-policy";
import { changePasswordAction, type FormState } from "./account-actions";

export function ChangePasswordForm({ currentLabel = "Current password" }: { currentLabel?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, { error: null });
  return (
    <form action={action} className="space-y-4">
      <Field label={currentLabel}>
        <Input name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field label="New password" hint={`At least ${PASSWORD_MIN} characters; a phrase of a few words is easy to remember.`}>
        <Input name="newPassword" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} />
      </Field>
      <Field label="Repeat the new password">
        <Input name="confirmPassword" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} />
      </Field>
      <FormError message={state.error} />
      <Button type="submit" loading={pending}>
        Change password
      </Button>
    </form>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="form-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}
