import { db } from "../../db/client";
import { getProgramSettings, updateProgramSettings, updateSettingsInput } from "../../program/program-settings";
import { router } from "../init";
import { ownerProcedure, staffProcedure } from "../procedures";

export const settingsRouter = router({
  // Staff read the settings too (point value for the balance card); only owners change them.
  get: staffProcedure.query(({ ctx }) => getProgramSettings(db, ctx.actor)),
  update: ownerProcedure
    .input(updateSettingsInput)
    .mutation(({ ctx, input }) => db.$transaction((tx) => updateProgramSettings(tx, ctx.actor, input))),
});
