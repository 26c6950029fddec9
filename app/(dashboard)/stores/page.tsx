import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { StoresPanel } from "./_components/stores-panel";

export const metadata: Metadata = { title: "Stores" };

export default async function StoresPage() {
  const session = await portalSession();
  // The owner flag only decides which buttons show; writes are ownerProcedures on the server.
  return <StoresPanel isOwner={session?.membership.role === "OWNER"} />;
}
