import { db } from "../../db/client";
import { previewTiers, previewTiersInput } from "../../program/preview-tiers";
import { getProgramSettings, updateProgramSettings, updateSettingsInput } from "../../program/program-settings";
import { dismissOnboarding, dismissOnboardingInput } from "../../onboarding/dismiss-onboarding";
import { getOnboarding, getOnboardingInput } from "../../onboarding/get-onboarding";
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
  // The landing page's getting-started checklist: owners only, as every step is an owner's job.
  onboarding: ownerProcedure.input(getOnboardingInput).query(({ ctx, input }) => getOnboarding(db, ctx.actor, input)),
  dismissOnboarding: ownerProcedure
    .input(dismissOnboardingInput)
    .mutation(({ ctx, input }) => dismissOnboarding(db, ctx.actor, input)),
});
