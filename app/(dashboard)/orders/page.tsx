import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { OrdersList } from "./_components/orders-list";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage() {
  const session = await portalSession();
  // Only hides the button: the export route itself refuses staff (403).
  return <OrdersList canExport={session?.membership.role === "OWNER"} />;
}
