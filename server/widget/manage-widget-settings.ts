// The owner's widget settings: read (with the embed code to paste) and changed. The row is made
// by the first change; until then the widget is off with the defaults. The secret is never read
// back (rotate-widget-secret.ts shows a new one once). Every change is audited.
import type { z } from "zod";
import type { Actor } from "../actors/actor";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import type { WidgetSettings } from "../db/generated/client";
import { publicOrigin } from "../http/public-origin";
import { getWidgetSettingsInput, updateWidgetSettingsInput, type UpdateWidgetSettingsInput } from "./widget-settings-schemas";

export type WidgetSettingsView = {
  publicId: string;
  enabled: boolean;
  primaryColor: string;
  launcherText: string;
  allowedOrigins: string[];
  shareUrl: string | null;
  hasSecret: boolean;
  secretRotatedAt: Date | null;
  previousSecretExpiresAt: Date | null;
  scriptUrl: string;
  // The element to paste into the store's pages; the store's server fills the token in for a
  // signed-in customer and leaves the attribute out for visitors.
  embedCode: string;
};

const DEFAULTS = { enabled: false, primaryColor: "#4f46e5", launcherText: "Rewards", allowedOrigins: [] as string[], shareUrl: null, secret: null, secretRotatedAt: null, previousSecretExpiresAt: null };
const AUDITED = ["enabled", "primaryColor", "launcherText", "allowedOrigins", "shareUrl"] as const;

export async function getWidgetSettings(db: DbOrTx, actor: Actor, input: z.input<typeof getWidgetSettingsInput> = {}): Promise<WidgetSettingsView> {
  const { origin } = getWidgetSettingsInput.parse(input);
  const business = await db.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: { publicId: true, widget: true } });
  return toView(business.publicId, business.widget, origin);
}

export async function updateWidgetSettings(db: DbOrTx, actor: Actor, input: UpdateWidgetSettingsInput): Promise<WidgetSettingsView> {
  const changes = updateWidgetSettingsInput.parse(input);
  const businessId = actor.businessId;
  const business = await db.business.findUniqueOrThrow({ where: { id: businessId }, select: { publicId: true, widget: true } });
  const row = await db.widgetSettings.upsert({ where: { businessId }, create: { businessId, ...changes }, update: changes });
  const details = fieldChanges({ ...DEFAULTS, ...business.widget }, row, AUDITED);
  if (details) await recordAudit(db, actor, { action: "widget.updated", targetType: "widget", details });
  return toView(business.publicId, row);
}

function toView(publicId: string, row: WidgetSettings | null, origin?: string): WidgetSettingsView {
  const settings = { ...DEFAULTS, ...row };
  const scriptUrl = `${publicOrigin(origin)}/widget.js`;
  return {
    publicId,
    enabled: settings.enabled,
    primaryColor: settings.primaryColor,
    launcherText: settings.launcherText,
    allowedOrigins: settings.allowedOrigins,
    shareUrl: settings.shareUrl,
    hasSecret: settings.secret !== null,
    secretRotatedAt: settings.secretRotatedAt,
    previousSecretExpiresAt: settings.previousSecretExpiresAt && settings.previousSecretExpiresAt > new Date() ? settings.previousSecretExpiresAt : null,
    scriptUrl,
    embedCode: `<script src="${scriptUrl}" data-business="${publicId}" data-customer-token="CUSTOMER_TOKEN" async></script>`,
  };
}
