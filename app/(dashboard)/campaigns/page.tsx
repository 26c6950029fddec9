import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { CampaignsPanel } from "./_components/campaigns-panel";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const session = await portalSession();
  // The owner flag only decides which buttons show; writes are ownerProcedures on the server.
  return <CampaignsPanel isOwner={session?.membership.role === "OWNER"} />;
}
