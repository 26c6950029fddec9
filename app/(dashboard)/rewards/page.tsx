import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { RewardsPanel } from "./_components/rewards-panel";

export const metadata: Metadata = { title: "Rewards" };

export default async function RewardsPage() {
  const session = await portalSession();
  // The owner flag only decides which buttons show; writes are ownerProcedures on the server.
  return <RewardsPanel isOwner={session?.membership.role === "OWNER"} />;
}
