import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { ProductsPanel } from "./_components/products-panel";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage() {
  const session = await portalSession();
  // The owner flag only decides which buttons show; writes are ownerProcedures on the server.
  return <ProductsPanel isOwner={session?.membership.role === "OWNER"} />;
}
