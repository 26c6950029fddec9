"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import { BUSINESS_COOKIE } from "@/server/auth/current-membership";
import { sessionUser } from "@/server/auth/portal-session";
import { db } from "@/server/db/client";
import { acceptInvitation } from "@/server/team/accept-invitation";
import { formError } from "../../_components/form-error";

export type AcceptState = { error: string | null };

async function openBusiness(businessId: string) {
  (await cookies()).set(BUSINESS_COOKIE, businessId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
}

// An existing account accepts while signed in as the invited email (checked in the domain).
export async function acceptAsSignedInAction(token: string, _previous: AcceptState): Promise<AcceptState> {
  const user = await sessionUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/invite/${token}`)}`);
  if (user.mustChangePassword) return { error: "Choose a new password first (your current one is temporary), then open this link again." };
  let businessId: string;
  try {
    ({ businessId } = await db.$transaction((tx) => acceptInvitation(tx, token, { userId: user.id })));
  } catch (error) {
    return { error: formError(error) };
  }
  await openBusiness(businessId);
  redirect("/customers");
}

// Someone new: the account is created with the password they chose, then signed in.
export async function acceptAsNewAction(token: string, _previous: AcceptState, form: FormData): Promise<AcceptState> {
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirmPassword") ?? "")) return { error: "The two passwords don't match." };
  let accepted: { businessId: string; email: string };
  try {
    accepted = await db.$transaction((tx) => acceptInvitation(tx, token, { name: String(form.get("name") ?? ""), password }));
  } catch (error) {
    return { error: formError(error) };
  }
  await openBusiness(accepted.businessId);
  // The account exists now: if signing in can't happen this moment (throttled, busy), the
  // sign-in page takes over rather than an error page.
  const signedIn = await signIn("credentials", { email: accepted.email, password, redirect: false }).then(
    () => true,
    () => false,
  );
  redirect(signedIn ? "/customers" : "/login?next=/customers");
}
