// Where a signed-out visitor of a portal page is sent: the login page, told to come back to
// the page they asked for (proxy.ts passes its path; safeNextPath keeps it on our site).
import { headers } from "next/headers";
import { DEFAULT_NEXT_PATH, safeNextPath } from "./safe-next-path";

export const PORTAL_PATH_HEADER = "x-portal-path";

export function signInPathFor(requested: string | null | undefined): string {
  const next = safeNextPath(requested ?? "");
  return next === DEFAULT_NEXT_PATH ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

export async function signInPath(): Promise<string> {
  return signInPathFor((await headers()).get(PORTAL_PATH_HEADER));
}
