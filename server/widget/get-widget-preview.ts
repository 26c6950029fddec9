// What the portal's live preview shows: the programme exactly as GET /program would answer it,
// built from the owner's saved settings even while the widget is switched off (the public
// route answers 404 then), so an owner can see the widget before anyone else can. No secret
// goes in: the preview never signs anyone in.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { getWidgetProgram, type WidgetProgram } from "./get-widget-program";
import { getWidgetSettings } from "./manage-widget-settings";

export type WidgetPreview = { publicId: string; enabled: boolean; program: WidgetProgram };

export async function getWidgetPreview(db: DbOrTx, actor: Actor): Promise<WidgetPreview> {
  const settings = await getWidgetSettings(db, actor);
  const program = await getWidgetProgram(db, {
    businessId: actor.businessId,
    publicId: settings.publicId,
    allowedOrigins: settings.allowedOrigins,
    primaryColor: settings.primaryColor,
    launcherText: settings.launcherText,
    shareUrl: settings.shareUrl,
    secret: null,
    previousSecret: null,
    previousSecretExpiresAt: null,
  });
  return { publicId: settings.publicId, enabled: settings.enabled, program };
}
