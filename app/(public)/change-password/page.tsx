import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/(dashboard)/_components/session-actions";
import { sessionUser } from "@/server/auth/portal-session";
import { AuthCard } from "@/components/auth-card";
import { ChangePasswordForm } from "../_components/change-password-form";

export const metadata: Metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

// Where every portal page sends someone signed in with a temporary password.
export default async function ChangePasswordPage() {
  const user = await sessionUser();
  if (!user) redirect("/login");
  if (!user.mustChangePassword) redirect("/account");
  return (
    <AuthCard
      title="Choose a new password"
      description={<>You signed in as {user.email} with a temporary password. Choose your own before you go on.</>}
    >
      <ChangePasswordForm currentLabel="Temporary password" />
      <form action={signOutAction} className="mt-4 border-t border-slate-100 pt-4">
        <button className="text-sm font-medium text-slate-500 hover:text-slate-700 hover:underline">Sign out</button>
      </form>
    </AuthCard>
  );
}
