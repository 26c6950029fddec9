import Link from "next/link";
import { checkHealth } from "@/server/health/check-health";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const healthy = await checkHealth().then(
    () => true,
    () => false,
  );
  return (
    <main className="mx-auto flex min-h-screen max-w-4xl flex-col justify-center gap-10 px-6 py-16">
      <div className="space-y-4">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">Loyalty Ledger</p>
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">Points your customers can trust.</h1>
        <p className="max-w-2xl text-lg text-slate-600">
          Award and redeem points from your tills and your store through one API, and run the programme
          from a portal your staff can use on day one. Every point is on an append-only ledger.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link href="/login" className="rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700">
          Sign in
        </Link>
        <Link href="/docs" className="rounded-lg border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-700 hover:bg-slate-100">
          API reference
        </Link>
        <Link href="/api/v1/health" className="rounded-lg border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-700 hover:bg-slate-100">
          API health
        </Link>
      </div>
      <p className="flex items-center gap-2 text-sm text-slate-500" data-testid="system-status">
        <span className={`inline-block size-2.5 rounded-full ${healthy ? "bg-emerald-500" : "bg-red-500"}`} />
        {healthy ? "All systems operational" : "Database unreachable"}
      </p>
    </main>
  );
}
