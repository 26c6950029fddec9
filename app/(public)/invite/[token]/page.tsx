import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/(dashboard)/_components/session-actions";
import { sessionUser } from "@/server/auth/portal-session";
import { db } from "@/server/db/client";
import { describeInvitation } from "@/server/team/accept-invitation";
import { AuthCard } from "@/components/auth-card";
import { AcceptAsNew, AcceptAsSignedIn } from "./accept-forms";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(db, token);
  if (!invitation) {
    return (
      <AuthCard title="This invitation can't be used" description="It has expired, was withdrawn or was already used. Ask the owner who invited you for a new link.">
        <Link href="/login" className="text-sm font-medium text-brand-600 hover:underline">
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  const role = invitation.role === "OWNER" ? "an owner" : "staff";
  const title = `Join ${invitation.businessName}`;
  const about = <>You are invited as {role}, for {invitation.email}.</>;
  const user = await sessionUser();
  if (user && user.email === invitation.email) {
    return (
      <AuthCard title={title} description={about}>
        <AcceptAsSignedIn token={token} />
      </AuthCard>
    );
  }
  if (user) {
    return (
      <AuthCard title={title} description={about}>
        <p className="mb-4 text-sm text-slate-600">
          You are signed in as {user.email}. Sign out, then open this link again and sign in as {invitation.email}.
        </p>
        <form action={signOutAction}>
          <button className="text-sm font-medium text-brand-600 hover:underline">Sign out</button>
        </form>
      </AuthCard>
    );
  }
  if (invitation.accountExists) {
    return (
      <AuthCard title={title} description={about}>
        <p className="mb-4 text-sm text-slate-600">{invitation.email} already has an account: sign in with it to accept.</p>
        <Link
          href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}
          className="inline-flex w-full justify-center rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Sign in to accept
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} description={<>{about} Create your account to join.</>}>
      <AcceptAsNew token={token} email={invitation.email} />
    </AuthCard>
  );
}
