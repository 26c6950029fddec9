import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Loyalty Ledger", template: "%s · Loyalty Ledger" },
  description: "Self-hostable loyalty points: a REST API for your tills and store, a portal for your team.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
