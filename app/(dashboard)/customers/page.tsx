import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { CustomersTable } from "./_components/customers-table";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  const session = await portalSession();
  // Only hides the button: the export route itself refuses staff (403).
  return <CustomersTable canExport={session?.membership.role === "OWNER"} />;
}
