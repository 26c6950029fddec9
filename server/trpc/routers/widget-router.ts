import { db } from "../../db/client";
import { getWidgetSettings, updateWidgetSettings } from "../../widget/manage-widget-settings";
import { getWidgetPreview } from "../../widget/get-widget-preview";
import { getMemberPageQr } from "../../widget/member-page-qr";
import { rotateWidgetSecret } from "../../widget/rotate-widget-secret";
import { getWidgetSettingsInput, updateWidgetSettingsInput } from "../../widget/widget-settings-schemas";
import { router } from "../init";
import { ownerProcedure } from "../procedures";

// Owner only: the widget's origins decide which sites may act for customers, and its secret
// vouches for who a customer is. Each change commits with its audit record.
export const widgetRouter = router({
  get: ownerProcedure.input(getWidgetSettingsInput).query(({ ctx, input }) => getWidgetSettings(db, ctx.actor, input)),
  update: ownerProcedure
    .input(updateWidgetSettingsInput)
    .mutation(({ ctx, input }) => db.$transaction((tx) => updateWidgetSettings(tx, ctx.actor, input))),
  // Answers the new secret, this once.
  rotateSecret: ownerProcedure.mutation(({ ctx }) => db.$transaction((tx) => rotateWidgetSecret(tx, ctx.actor))),
  // The programme as the widget shows it, from the saved settings, even while switched off.
  preview: ownerProcedure.query(({ ctx }) => getWidgetPreview(db, ctx.actor)),
  // The member page's address and its QR code (SVG), for the poster by the till.
  memberPage: ownerProcedure.input(getWidgetSettingsInput).query(({ ctx, input }) => getMemberPageQr(db, ctx.actor, input)),
});
