import type { Metadata } from "next";
import Link from "next/link";
import { findPasswordReset } from "@/server/accounts/reset-password";
import { db } from "@/server/db/client";
import { AuthCard } from "@/components/auth-card";
import { ResetForm } from "./reset-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findPasswordReset(db, token);
  if (!reset) {
    return (
      <AuthCard title="This link can't be used" description="It has expired or was already used. Ask an owner of your business for a new one.">
        <Link href="/login" className="text-sm font-medium text-brand-600 hover:underline">
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" description={<>For {reset.email}. This link works once.</>}>
      <ResetForm token={token} />
    </AuthCard>
  );
}
