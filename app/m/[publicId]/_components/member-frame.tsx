import type { ReactNode } from "react";

// The member page's frame: the shop's name on top, the content in one column that fits a phone.
export function MemberFrame({ title, subtitle, action, children, lang }: { title: string; subtitle?: string; action?: ReactNode; children: ReactNode; lang?: string }) {
  return (
    // The page's language where it isn't the portal's (the root layout says en).
    <main lang={lang} className="min-h-screen bg-slate-50 px-4 py-6 sm:py-10">
      <div className="mx-auto w-full max-w-xl space-y-5">
        <header className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl">{title}</h1>
            {subtitle && <p className="mt-0.5 text-sm text-slate-500">{subtitle}</p>}
          </div>
          {action}
        </header>
        {children}
      </div>
    </main>
  );
}
