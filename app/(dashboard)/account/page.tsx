import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/app/(public)/_components/change-password-form";
import { signOutEverywhereAction } from "@/app/(public)/_components/account-actions";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { sessionUser } from "@/server/auth/portal-session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const user = await sessionUser();
  if (!user) redirect("/login");
  const { changed } = await searchParams;
  return (
    <>
      <PageHeader title="Your account" description={`${user.name ?? user.email} · ${user.email}`} />
      {changed && (
        <p role="status" data-testid="password-changed" className="mb-6 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          Password changed. You stay signed in here; every other session was signed out.
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Change password">
          <ChangePasswordForm />
        </Card>
        <Card title="Sessions">
          <p className="mb-4 text-sm text-slate-600">
            Signed in on a shared or lost device? Sign out everywhere ends every session of your account, this one included.
          </p>
          <form action={signOutEverywhereAction}>
            <Button type="submit" variant="secondary">
              Sign out everywhere
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
}
