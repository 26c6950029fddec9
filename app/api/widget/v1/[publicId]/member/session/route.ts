import { db } from "@/server/db/client";
import { memberSessionBody } from "@/server/widget/member-code-schemas";
import { signInWithMemberCode } from "@/server/widget/member-code-sign-in";
import { exchangeMemberLink } from "@/server/widget/member-link";
import { widgetRoute } from "@/server/widget/widget-route";

const route = "/api/widget/v1/{publicId}/member/session";

// POST {email, code} or {link}: a member session {token, expiresAt} for the widget API.
// Our member page only (no CORS).
export const POST = widgetRoute({ route, customer: false, ownOriginOnly: true, body: memberSessionBody, status: 201 }, async ({ widget, body }) =>
  body.link !== undefined ? exchangeMemberLink(db, widget, body.link) : signInWithMemberCode(db, widget, { email: body.email!, code: body.code! }),
);
