"use server";
import { resetPassword } from "@/server/accounts/reset-password";
import { db } from "@/server/db/client";
import { formError } from "../../_components/form-error";

export type ResetState = { error: string | null; done: boolean };

export async function resetPasswordAction(token: string, _previous: ResetState, form: FormData): Promise<ResetState> {
  const newPassword = String(form.get("newPassword") ?? "");
  if (newPassword !== String(form.get("confirmPassword") ?? "")) return { error: "The two passwords don't match.", done: false };
  try {
    await db.$transaction((tx) => resetPassword(tx, { token, newPassword }));
    return { error: null, done: true };
  } catch (error) {
    return { error: formError(error), done: false };
  }
}
