import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { listRedemptionsOperation } from "@/server/rest/operations/rewards-operations";
import { listRedemptions } from "@/server/rewards/list-redemptions";

// GET /api/v1/redemptions: newest first, by customer, reward and status.
export const GET = apiRoute(listRedemptionsOperation, async ({ actor, query }) => listRedemptions(db, actor, query));
