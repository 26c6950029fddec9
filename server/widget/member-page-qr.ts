// The member page's address (/m/<publicId>) and a QR code for it, for the poster by the till.
// The address is built on the same base as the embed code's script URL (APP_URL when set, else
// the portal's origin), so the code points where customers can reach us. The QR is drawn here
// as SVG by the qrcode library: no third-party service ever sees the address.
import QRCode from "qrcode";
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { getWidgetSettings } from "./manage-widget-settings";
import type { getWidgetSettingsInput } from "./widget-settings-schemas";

export type MemberPageQr = { businessName: string; url: string; qrSvg: string };

export async function getMemberPageQr(db: DbOrTx, actor: Actor, input: z.input<typeof getWidgetSettingsInput> = {}): Promise<MemberPageQr> {
  const [settings, business] = await Promise.all([
    getWidgetSettings(db, actor, input),
    db.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: { name: true } }),
  ]);
  const url = `${new URL(settings.scriptUrl).origin}/m/${settings.publicId}`;
  // Level M survives a scuffed or half-lit print; a one-module margin, the card adds the rest.
  const qrSvg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1, color: { dark: "#000000", light: "#ffffff" } });
  return { businessName: business.name, url, qrSvg };
}
