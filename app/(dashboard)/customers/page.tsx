import type { Metadata } from "next";
import { portalSession } from "@/server/auth/portal-session";
import { OnboardingChecklist } from "../_components/onboarding-checklist";
import { CustomersTable } from "./_components/customers-table";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  const session = await portalSession();
  // Only hides the button: the export route itself refuses staff (403).
  const owner = session?.membership.role === "OWNER";
  // Where an owner lands after sign-in: a new business sees its getting-started checklist first.
  return (
    <>
      {owner && <OnboardingChecklist />}
      <CustomersTable canExport={owner} />
    </>
  );
}
