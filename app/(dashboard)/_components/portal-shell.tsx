"use client";
// The portal frame: a sidebar on desktop that becomes a slide-over on small screens, the
// business switcher and the signed-in user with sign-out.
import Link from "next/link";
import { ThemeSelect } from "@/components/theme-select";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { FailingWebhooksBadge } from "../webhooks/_components/failing-badge";
import { BusinessSwitcher } from "./business-switcher";
import { useMenuFocus } from "./use-menu-focus";
import { signOutAction } from "./session-actions";

type Role = "OWNER" | "STAFF";
type Props = {
  user: { email: string; name: string | null };
  role: Role;
  business: { id: string; name: string };
  memberships: { businessId: string; name: string; role: Role }[];
  children: React.ReactNode;
};

const NAV: { href: string; label: string; ownerOnly?: boolean }[] = [
  { href: "/customers", label: "Customers" },
  { href: "/orders", label: "Orders" },
  { href: "/analytics", label: "Analytics" },
  { href: "/audit", label: "Audit log" },
  { href: "/team", label: "Team", ownerOnly: true },
  { href: "/api-keys", label: "API keys", ownerOnly: true },
  { href: "/webhooks", label: "Webhooks", ownerOnly: true },
  { href: "/rewards", label: "Rewards" },
  { href: "/campaigns", label: "Campaigns" },
  { href: "/products", label: "Products" },
  { href: "/stores", label: "Stores" },
  { href: "/referrals", label: "Referrals" },
  { href: "/widget", label: "Customer widget", ownerOnly: true },
  { href: "/settings", label: "Settings", ownerOnly: true },
];

export function PortalShell({ user, role, business, memberships, children }: Props) {
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const closeMenu = useMenuFocus(open, setOpen, menu, menuButton);
  const pathname = usePathname();
  const nav = NAV.filter((item) => !item.ownerOnly || role === "OWNER");
  const sidebar = (
    // Scrolls on its own when taller than the window (a short laptop screen): the account links
    // at its foot must stay reachable.
    <div className="keep-dark flex h-full flex-col gap-6 overflow-y-auto bg-slate-900 px-4 py-5 text-slate-300">
      <Link href="/customers" className="flex items-center gap-2 px-2 text-base font-semibold text-white">
        <span className="flex size-7 items-center justify-center rounded-md bg-brand-500 text-xs font-bold">LL</span>
        Loyalty Ledger
      </Link>
      <BusinessSwitcher current={business} memberships={memberships} />
      <nav className="flex flex-1 flex-col gap-1" aria-label="Portal">
        {nav.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <Link
              key={item.href}
              href={item.href}
              onClick={() => setOpen(false)}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium transition lg:py-1.5 ${active ? "bg-slate-800 text-white" : "hover:bg-slate-800/60 hover:text-white"}`}
            >
              {item.label}
              {item.href === "/webhooks" && <FailingWebhooksBadge />}
            </Link>
          );
        })}
      </nav>
      <div className="border-t border-slate-800 pt-4">
        <p className="truncate px-2 text-sm font-medium text-white" data-testid="signed-in-user">
          {user.name ?? user.email}
        </p>
        <p className="truncate px-2 text-xs text-slate-400">
          {user.email} · {role === "OWNER" ? "Owner" : "Staff"}
        </p>
        <Link
          href="/account"
          onClick={() => setOpen(false)}
          aria-current={pathname === "/account" ? "page" : undefined}
          className={`mt-3 block rounded-lg px-3 py-2 text-sm ${pathname === "/account" ? "bg-slate-800 text-white" : "hover:bg-slate-800 hover:text-white"}`}
        >
          Your account
        </Link>
        <ThemeSelect />
        <form action={signOutAction}>
          <button type="submit" className="w-full rounded-lg px-3 py-2 text-left text-sm hover:bg-slate-800 hover:text-white">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
  return (
    <div className="min-h-screen lg:pl-64">
      {/* First thing a keyboard reaches: past the sidebar's dozen links straight to the page. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-lg focus:ring-2 focus:ring-brand-500"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-64 lg:block">{sidebar}</aside>
      {open && (
        <div ref={menu} id="portal-menu" className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label="Menu">
          <button className="absolute inset-0 bg-slate-900/50" aria-label="Close menu" tabIndex={-1} onClick={closeMenu} />
          <aside className="relative h-full w-64 shadow-xl">{sidebar}</aside>
        </div>
      )}
      <header className="sticky top-0 z-30 flex items-center gap-3 border-b border-slate-200 bg-white/90 px-4 py-3 backdrop-blur lg:hidden">
        <button
          ref={menuButton}
          onClick={() => setOpen(true)}
          className="shrink-0 rounded-md p-1.5 text-slate-600 hover:bg-slate-100"
          aria-label="Open menu"
          aria-expanded={open}
          aria-controls="portal-menu"
        >
          <svg viewBox="0 0 20 20" className="size-5" fill="currentColor" aria-hidden>
            <path d="M3 5h14v1.5H3zM3 9.25h14v1.5H3zM3 13.5h14V15H3z" />
          </svg>
        </button>
        <span className="truncate text-sm font-semibold">{business.name}</span>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl min-w-0 px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8">{children}</main>
    </div>
  );
}
