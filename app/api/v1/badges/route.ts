import { awardBadge } from "@/server/badges/award-badge";
import { listBadges } from "@/server/badges/list-badges";
import { db } from "@/server/db/client";
import { apiRoute, reply } from "@/server/rest/api-route";
import { awardBadgeOperation, listBadgesOperation } from "@/server/rest/operations/badges-operations";

// GET /api/v1/badges: the business's badges with their holder counts.
export const GET = apiRoute(listBadgesOperation, async ({ actor }) => listBadges(db, actor));

// POST /api/v1/badges: award a badge (created on first use); 201 first time, 200 if already held.
export const POST = apiRoute(awardBadgeOperation, async ({ actor, body }) => {
  const award = await awardBadge(db, actor, body);
  return reply(award, { status: award.alreadyAwarded ? 200 : 201 });
});
