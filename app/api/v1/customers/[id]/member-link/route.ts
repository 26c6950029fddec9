import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { createMemberLinkOperation } from "@/server/rest/operations/member-operations";
import { createMemberLink } from "@/server/widget/member-link";

// POST /api/v1/customers/{id}/member-link: {url, expiresAt}, a sign-in link to the member page.
export const POST = apiRoute(createMemberLinkOperation, async ({ actor, params, body, request }) =>
  createMemberLink(db, actor, { customerId: params.id, ...body }, { origin: new URL(request.url).origin }),
);
