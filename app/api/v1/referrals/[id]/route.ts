import { db } from "@/server/db/client";
import { getReferral } from "@/server/referrals/list-referrals";
import { apiRoute } from "@/server/rest/api-route";
import { getReferralOperation } from "@/server/rest/operations/referrals-operations";

// GET /api/v1/referrals/{id}: one referral of this business.
export const GET = apiRoute(getReferralOperation, async ({ actor, params }) => getReferral(db, actor, params));
