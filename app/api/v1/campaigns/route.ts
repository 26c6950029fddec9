import { createCampaign, listCampaigns } from "@/server/campaigns/manage-campaigns";
import { db } from "@/server/db/client";
import { apiRoute } from "@/server/rest/api-route";
import { createCampaignOperation, listCampaignsOperation } from "@/server/rest/operations/campaigns-operations";

// GET /api/v1/campaigns: newest first, with what each has given.
export const GET = apiRoute(listCampaignsOperation, async ({ actor, query }) => listCampaigns(db, actor, query));

// POST /api/v1/campaigns: 201 with the new campaign.
export const POST = apiRoute(createCampaignOperation, async ({ actor, body }) => createCampaign(db, actor, body));
