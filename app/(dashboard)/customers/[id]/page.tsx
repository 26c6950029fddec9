import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { CustomerDetail } from "./_components/customer-detail";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, session] = await Promise.all([params, portalSession()]);
  // The owner flag only decides which buttons show; erase is an ownerProcedure on the server.
  return <CustomerDetail id={id} isOwner={session?.membership.role === "OWNER"} />;
}
