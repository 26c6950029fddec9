import { db } from "@/server/db/client";
import { getReferral } from "@/server/referrals/list-referrals";
import { withdrawReferral } from "@/server/referrals/withdraw-referral";
import { apiRoute } from "@/server/rest/api-route";
import { getReferralOperation, withdrawReferralOperation } from "@/server/rest/operations/referrals-operations";

// GET /api/v1/referrals/{id}: one referral of this business.
export const GET = apiRoute(getReferralOperation, async ({ actor, params }) => getReferral(db, actor, params));

// DELETE /api/v1/referrals/{id}: withdraws a pending referral (its row and contact details go).
export const DELETE = apiRoute(withdrawReferralOperation, async ({ actor, params }) => db.$transaction((tx) => withdrawReferral(tx, actor, params)));
