import { db } from "../../db/client";
import { previewTiers, previewTiersInput } from "../../program/preview-tiers";
import { getProgramSettings, updateProgramSettings, updateSettingsInput } from "../../program/program-settings";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";

export const settingsRouter = router({
  // Staff read the settings too (point value for the balance card); only owners change them.
  get: staffProcedure.query(({ ctx }) => getProgramSettings(db, ctx.actor)),
  update: ownerProcedure
    .input(updateSettingsInput)
    .mutation(({ ctx, input }) => db.$transaction((tx) => updateProgramSettings(tx, ctx.actor, input))),
  // The settings page's live preview of a tier table not yet saved: counts only, owners only
  // (like the settings it previews).
  tierPreview: ownerProcedure.input(previewTiersInput).query(({ ctx, input }) => previewTiers(db, ctx.actor, input)),
});
