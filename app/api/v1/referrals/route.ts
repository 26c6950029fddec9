import { db } from "@/server/db/client";
import { createReferral } from "@/server/referrals/create-referral";
import { listReferrals } from "@/server/referrals/list-referrals";
import { apiRoute, reply } from "@/server/rest/api-route";
import { createReferralOperation, listReferralsOperation } from "@/server/rest/operations/referrals-operations";

// GET /api/v1/referrals: newest first, by status and referrer, paged.
export const GET = apiRoute(listReferralsOperation, async ({ actor, query }) => listReferrals(db, actor, query));

// POST /api/v1/referrals: 201 with a new referral, 200 with the one there is for the same request.
export const POST = apiRoute(createReferralOperation, async ({ actor, body }) => {
  const result = await createReferral(db, actor, body);
  return reply(result.referral, { status: result.created ? 201 : 200 });
});
