"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { BUSINESS_COOKIE } from "@/server/auth/current-membership";
import { portalSession } from "@/server/auth/portal-session";

export async function signOutAction() {
  (await cookies()).delete(BUSINESS_COOKIE);
  await signOut({ redirectTo: "/login" });
}

// The cookie is only a preference: every request re-checks membership, so setting it to a
// business the user doesn't belong to just falls back to their first one.
export async function switchBusinessAction(businessId: string) {
  const session = await portalSession();
  if (!session) redirect("/login");
  if (!session.membership.memberships.some((m) => m.businessId === businessId)) return;
  (await cookies()).set(BUSINESS_COOKIE, businessId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  redirect("/customers");
}
