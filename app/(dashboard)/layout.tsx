import { redirect } from "next/navigation";
import { Toaster } from "sonner";
import { TrpcProvider } from "@/components/trpc-provider";
import { portalSession, sessionUser } from "@/server/auth/portal-session";
import { signInPath } from "@/server/auth/sign-in-path";
import { PortalShell } from "./_components/portal-shell";
import { signOutAction } from "./_components/session-actions";

export const dynamic = "force-dynamic";

// Every dashboard page is behind a session and a membership; tRPC re-checks both per call.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await sessionUser();
  // Back to the page asked for after signing in (a deep link to a customer survives).
  if (!user) redirect(await signInPath());
  // A temporary password is replaced before anything else (tRPC refuses meanwhile too).
  if (user.mustChangePassword) redirect("/change-password");
  const session = await portalSession();
  if (!session) return <NoBusiness />;
  const { membership } = session;
  return (
    <TrpcProvider>
      <PortalShell
        user={{ email: user.email, name: user.name }}
        role={membership.role}
        business={membership.business}
        memberships={membership.memberships}
      >
        {children}
      </PortalShell>
      <Toaster richColors position="top-right" closeButton />
    </TrpcProvider>
  );
}

// Signed in but removed from every business: say so instead of bouncing back to the login page.
function NoBusiness() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-sm rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
        <p className="font-semibold">No business yet</p>
        <p className="mt-1 text-sm text-slate-500">Your account isn&apos;t a member of any business. Ask an owner to add you.</p>
        <form action={signOutAction} className="mt-4">
          <button className="text-sm font-medium text-brand-600 hover:underline">Sign out</button>
        </form>
      </div>
    </main>
  );
}
