// The member page's address (/m/<publicId>) and a QR code for it, for the poster by the till;
// and a customer's own sign-in link as a QR code, for the counter.
// The address is built on the same base as the embed code's script URL (APP_URL when set, else
// the portal's origin), so the code points where customers can reach us. The QR is drawn here
// as SVG by the qrcode library: no third-party service ever sees the address.
import QRCode from "qrcode";
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { getWidgetSettings } from "./manage-widget-settings";
import { createMemberLink, type MemberLink } from "./member-link";
import type { getWidgetSettingsInput } from "./widget-settings-schemas";

export type MemberPageQr = { businessName: string; url: string; qrSvg: string };

export async function getMemberPageQr(db: DbOrTx, actor: Actor, input: z.input<typeof getWidgetSettingsInput> = {}): Promise<MemberPageQr> {
  const [settings, business] = await Promise.all([
    getWidgetSettings(db, actor, input),
    db.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: { name: true } }),
  ]);
  const url = `${new URL(settings.scriptUrl).origin}/m/${settings.publicId}`;
  return { businessName: business.name, url, qrSvg: await qrSvgOf(url) };
}

// A customer's own sign-in link (member-link.ts) with its QR code, for staff to show at the
// counter: the customer scans it and is signed in on their phone.
export async function createMemberLinkQr(
  db: DbOrTx,
  actor: Actor,
  input: Parameters<typeof createMemberLink>[2],
  options: Parameters<typeof createMemberLink>[3],
): Promise<MemberLink & { qrSvg: string }> {
  const link = await createMemberLink(db, actor, input, options);
  return { ...link, qrSvg: await qrSvgOf(link.url) };
}

// Level M survives a scuffed or half-lit print, or a phone screen's glare; a one-module margin,
// the card around it adds the rest.
function qrSvgOf(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1, color: { dark: "#000000", light: "#ffffff" } });
}
