import type { Metadata } from "next";
import Link from "next/link";
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
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <Link href="/" className="mb-8 flex items-center justify-center gap-2 text-lg font-semibold text-slate-900">
          <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">LL</span>
          Loyalty Ledger
        </Link>
        <div className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900">Sign in to your portal</h1>
          <p className="mb-6 mt-1 text-sm text-slate-500">Owners and staff of a business on Loyalty Ledger.</p>
          <LoginForm next={safeNextPath(next)} />
        </div>
      </div>
    </main>
  );
}
