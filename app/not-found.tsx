import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

// Any address the app doesn't know. Outside the portal's frame (it may be a signed-out visitor),
// so it offers both ways back: the portal, which sends a signed-out visitor to sign in first,
// and the home page.
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <span className="mx-auto flex size-10 items-center justify-center rounded-lg bg-brand-500 text-sm font-bold text-white" aria-hidden>
          LL
        </span>
        <p className="mt-6 text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          There is nothing at this address. It may have been mistyped, or the page was moved or removed.
        </p>
        <div className="mt-6 flex flex-col gap-2 sm:flex-row sm:justify-center">
          <Link href="/customers" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Back to the portal
          </Link>
          <Link href="/" className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Home page
          </Link>
        </div>
      </div>
    </main>
  );
}
