"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";
import { changePassword, endAllSessions } from "@/server/accounts/change-password";
import { BUSINESS_COOKIE } from "@/server/auth/current-membership";
import { sessionUser } from "@/server/auth/portal-session";
import { db } from "@/server/db/client";
import { formError } from "./form-error";

export type FormState = { error: string | null };

// Changing the password ends every session (the version moves on); this browser then signs in
// again with the new password, so it alone stays signed in.
export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await sessionUser();
  if (!user) redirect("/login");
  const newPassword = String(form.get("newPassword") ?? "");
  if (newPassword !== String(form.get("confirmPassword") ?? "")) return { error: "The two new passwords don't match." };
  try {
    await changePassword(db, user.id, { currentPassword: String(form.get("currentPassword") ?? ""), newPassword });
  } catch (error) {
    return { error: formError(error) };
  }
  await signIn("credentials", { email: user.email, password: newPassword, redirect: false });
  redirect("/account?changed=1");
}

export async function signOutEverywhereAction() {
  const user = await sessionUser();
  if (user) await endAllSessions(db, user.id);
  (await cookies()).delete(BUSINESS_COOKIE);
  await signOut({ redirectTo: "/login" });
}
