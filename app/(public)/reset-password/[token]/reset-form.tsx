"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/server/auth/password-policy";
import { FormError } from "../../_components/change-password-form";
import { resetPasswordAction, type ResetState } from "./actions";

export function ResetForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction.bind(null, token), { error: null, done: false });
  if (state.done) {
    return (
      <div className="space-y-4" data-testid="reset-done">
        <p className="text-sm text-slate-600">Your password is changed, and every earlier session of your account is signed out.</p>
        <Link href="/login" className="inline-flex rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <Field label="New password" hint={`At least ${PASSWORD_MIN} characters.`}>
        <Input name="newPassword" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} autoFocus />
      </Field>
      <Field label="Repeat the new password">
        <Input name="confirmPassword" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} />
      </Field>
      <FormError message={state.error} />
      <Button type="submit" loading={pending} className="w-full">
        Set password
      </Button>
    </form>
  );
}
