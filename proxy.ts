// Next's request proxy (formerly middleware). It only passes the page's own path and query to
// server components as a request header: a layout can't see its URL otherwise, and the
// dashboard layout needs it to send a signed-out visitor to /login?next=<that page>, so deep
// links (a customer's page in a chat message) survive signing in. Access checks stay where
// they are (layout, tRPC); a header a client sends itself is overwritten here, and the value
// only ever reaches safeNextPath.
import { NextResponse, type NextRequest } from "next/server";
import { PORTAL_PATH_HEADER } from "@/server/auth/sign-in-path";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PORTAL_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

// Pages only: not the API, tRPC, auth callbacks or static files.
export const config = { matcher: ["/((?!api/|_next/|favicon|.*\\.[a-z0-9]+$).*)"] };
