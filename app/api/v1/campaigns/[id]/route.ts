import { getCampaign, updateCampaign } from "@/server/campaigns/manage-campaigns";
import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { getCampaignOperation, updateCampaignOperation } from "@/server/rest/operations/campaigns-operations";

// GET /api/v1/campaigns/{id}: one campaign of this business (404 for anyone else's).
export const GET = apiRoute(getCampaignOperation, async ({ actor, params }) => getCampaign(db, actor, params));

// PATCH /api/v1/campaigns/{id}: any field but kind; active: false ends it.
export const PATCH = apiRoute(updateCampaignOperation, async ({ actor, params, body }) => updateCampaign(db, actor, { ...body, id: params.id }));
