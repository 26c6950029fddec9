// The signed-in user and their current business for server components and route handlers.
// Same rule as tRPC: membership is looked up on every request, never trusted from the cookie.
import { cookies } from "next/headers";
import { cache } from "react";
import { auth } from "@/auth";
import { db, type DbOrTx } from "../db/client";
import { BUSINESS_COOKIE, currentMembership, type CurrentMembership, type SessionUser } from "./current-membership";

export type PortalSession = { user: SessionUser; membership: CurrentMembership };

// A session is only as good as the account behind it: a deleted user, or a token whose
// session version is older than the account's (password changed, reset, "sign out
// everywhere"), is signed out. Name, email and the must-change flag come from the database.
export async function resolveSessionUser(db: DbOrTx, claims: { userId?: string; sessionVersion?: number } | null): Promise<SessionUser | null> {
  if (!claims?.userId || claims.sessionVersion === undefined) return null;
  const user = await db.user.findUnique({ where: { id: claims.userId } });
  if (!user || user.sessionVersion !== claims.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, mustChangePassword: user.mustChangePassword };
}

// Once per request: the layout, the page and its gates all ask.
export const sessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return resolveSessionUser(db, session ? { userId: session.user?.id, sessionVersion: session.sessionVersion } : null);
});

// No portal work on a temporary password: pages redirect to /change-password before asking,
// and anything else behind the portal session (CSV export, business switch) is refused here.
export async function portalSession(): Promise<PortalSession | null> {
  const user = await sessionUser();
  if (!user || user.mustChangePassword) return null;
  const preferred = (await cookies()).get(BUSINESS_COOKIE)?.value ?? null;
  const membership = await currentMembership(db, user.id, preferred);
  return membership ? { user, membership } : null;
}
