// The widget a request's path names (/api/widget/v1/{publicId}/...): the business behind the
// public id and its widget settings, only while the owner has the widget switched on. Unknown,
// never set up and switched off all answer the same 404, so nothing tells them apart.
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import type { WidgetKeys } from "./widget-secret";

export type Widget = WidgetKeys & {
  businessId: string;
  publicId: string;
  allowedOrigins: string[];
  primaryColor: string;
  launcherText: string;
  shareUrl: string | null;
};

const PUBLIC_ID = /^pub_[0-9a-f]{32}$/;

export async function findWidget(db: DbOrTx, publicId: string): Promise<Widget> {
  const business = PUBLIC_ID.test(publicId)
    ? await db.business.findUnique({ where: { publicId }, select: { id: true, publicId: true, widget: true } })
    : null;
  const settings = business?.widget;
  if (!business || !settings?.enabled) throw new AppError("NOT_FOUND", "There is no loyalty widget here: the business is unknown or has it switched off.");
  return {
    businessId: business.id,
    publicId: business.publicId,
    allowedOrigins: settings.allowedOrigins,
    primaryColor: settings.primaryColor,
    launcherText: settings.launcherText,
    shareUrl: settings.shareUrl,
    secret: settings.secret,
    previousSecret: settings.previousSecret,
    previousSecretExpiresAt: settings.previousSecretExpiresAt,
  };
}
