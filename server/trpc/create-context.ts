// Builds the tRPC context from the incoming request: the next-auth session and the business
// the user last picked (a cookie), and the request id that portal writes are stamped with.
// Tests build TrpcContext by hand instead.
import { requestIdOf } from "../actors/actor";
import { sessionUser } from "../auth/portal-session";
import { BUSINESS_COOKIE } from "../auth/current-membership";
import type { TrpcContext } from "./init";
import { WROTE_COOKIE } from "./read-your-writes";

// A value that isn't valid %-encoding is ignored, as Next's own cookies() does: the business
// cookie is only a preference, and a mangled one must not turn every portal call into a 500.
export function cookieValue(headers: Headers, name: string): string | null {
  const pair = headers
    .get("cookie")
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`));
  if (!pair) return null;
  try {
    return decodeURIComponent(pair.slice(name.length + 1));
  } catch {
    return null;
  }
}

export async function createTrpcContext(options: { headers: Headers; resHeaders?: Headers }): Promise<TrpcContext> {
  return {
    user: await sessionUser(),
    preferredBusinessId: cookieValue(options.headers, BUSINESS_COOKIE),
    requestId: requestIdOf(options.headers),
    resHeaders: options.resHeaders,
    readsFromPrimary: cookieValue(options.headers, WROTE_COOKIE) !== null,
  };
}
