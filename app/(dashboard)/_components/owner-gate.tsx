import { redirect } from "next/navigation";
import { Forbidden } from "@/components/ui/states";
import { portalSession } from "@/server/auth/portal-session";

// Owner-only pages render a clear refusal for staff; the tRPC procedures behind them refuse
// too (ownerProcedure), so hiding the page is convenience, not the security boundary.
export async function OwnerGate({ what, children }: { what: string; children: React.ReactNode }) {
  const session = await portalSession();
  if (!session) redirect("/login");
  if (session.membership.role !== "OWNER") return <Forbidden what={what} />;
  return <>{children}</>;
}
