// The portal's Campaigns page: staff see the campaigns and what they gave; owners create, change
// and end them (the same domain core and schemas as /api/v1/campaigns).
import { z } from "zod";
import { campaignIdParams, campaignKinds, createCampaignInput, updateCampaignInput } from "../../campaigns/campaign-schemas";
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from "../../campaigns/manage-campaigns";
import { db } from "../../db/client";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";

// Typed values, not the REST list's query strings.
const listPortal = z.object({ active: z.boolean().optional(), kind: z.enum(campaignKinds).optional() });

export const campaignsRouter = router({
  list: staffProcedure.input(listPortal).query(({ ctx, input }) => listCampaigns(db, ctx.actor, input)),
  get: staffProcedure.input(campaignIdParams).query(({ ctx, input }) => getCampaign(db, ctx.actor, input)),
  create: ownerProcedure.input(createCampaignInput).mutation(({ ctx, input }) => db.$transaction((tx) => createCampaign(tx, ctx.actor, input))),
  update: ownerProcedure.input(updateCampaignInput).mutation(({ ctx, input }) => db.$transaction((tx) => updateCampaign(tx, ctx.actor, input))),
});
