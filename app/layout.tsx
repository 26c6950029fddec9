import type { Metadata } from "next";
import "./globals.css";
import { THEME_SCRIPT } from "./theme-script";

export const metadata: Metadata = {
  title: { default: "Loyalty Ledger", template: "%s · Loyalty Ledger" },
  description: "Self-hostable loyalty points: a REST API for your tills and store, a portal for your team.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme script sets <html>'s class before React hydrates: expected, not a mismatch.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
