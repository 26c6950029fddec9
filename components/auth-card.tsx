import Link from "next/link";
import type { ReactNode } from "react";

// The frame of the signed-out pages (sign-in, change password, reset, invitation): logo, one card.
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <Link href="/" className="mb-8 flex items-center justify-center gap-2 text-lg font-semibold text-slate-900">
          <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">LL</span>
          Loyalty Ledger
        </Link>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {description && <div className="mb-6 mt-1 text-sm text-slate-500">{description}</div>}
          {children}
        </div>
      </div>
    </main>
  );
}
