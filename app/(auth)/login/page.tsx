import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { redirect } from "next/navigation";
import { sessionUser } from "@/server/auth/portal-session";
import { safeNextPath } from "@/server/auth/safe-next-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  if (await sessionUser()) redirect(safeNextPath(next));
  return (
    <AuthCard title="Sign in to your portal" description="Owners and staff of a business on Loyalty Ledger.">
      <LoginForm next={safeNextPath(next)} />
    </AuthCard>
  );
}
