import { db } from "@/server/db/client";
import { clientLimitKey } from "@/server/http/client-address";
import { memberCodeRequestBody } from "@/server/widget/member-code-schemas";
import { requestMemberCode } from "@/server/widget/member-code-request";
import { widgetRoute } from "@/server/widget/widget-route";

const route = "/api/widget/v1/{publicId}/member/code";

// POST {email}: mails a sign-in code if the email is a customer's; the same 202 either way.
// Our member page only (no CORS): a store's page signs its customers in itself.
export const POST = widgetRoute({ route, customer: false, ownOriginOnly: true, body: memberCodeRequestBody, status: 202 }, async ({ widget, body, request }) =>
  requestMemberCode(db, widget, { email: body.email, clientKey: clientLimitKey(request.headers) }),
);
