// The signed-in user and their current business for server components and route handlers.
// Same rule as tRPC: membership is looked up on every request, never trusted from the cookie.
import { cookies } from "next/headers";
import { auth } from "@/auth";
import { db } from "../db/client";
import { BUSINESS_COOKIE, currentMembership, type CurrentMembership, type SessionUser } from "./current-membership";

export type PortalSession = { user: SessionUser; membership: CurrentMembership };

export async function sessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}

export async function portalSession(): Promise<PortalSession | null> {
  const user = await sessionUser();
  if (!user) return null;
  const preferred = (await cookies()).get(BUSINESS_COOKIE)?.value ?? null;
  const membership = await currentMembership(db, user.id, preferred);
  return membership ? { user, membership } : null;
}
