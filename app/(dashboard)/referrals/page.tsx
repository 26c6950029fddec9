import type { Metadata } from "next";
import { ReferralsPanel } from "./_components/referrals-panel";

export const metadata: Metadata = { title: "Referrals" };

// Owners and staff alike (the tRPC procedure checks the membership on every request).
export default function ReferralsPage() {
  return <ReferralsPanel />;
}
