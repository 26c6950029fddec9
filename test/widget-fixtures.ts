// Fixtures for the widget API's tests: a business with its widget switched on, allowed origins
// and a secret (made through the same functions as the owner's settings), customer tokens signed
// as a store's backend would sign them (jose, HS256), and calls to the widget's route handlers.
import { SignJWT, type JWTPayload } from "jose";
import { cliActor } from "../server/actors/actor";
import { db } from "../server/db/client";
import { updateWidgetSettings } from "../server/widget/manage-widget-settings";
import { rotateWidgetSecret } from "../server/widget/rotate-widget-secret";
import { call, type CallOptions } from "./api";
import { makeBusiness } from "./fixtures";

export const SHOP = "https://shop.example";

type Handler = Parameters<typeof call>[1];

export async function widgetBusiness(options: { origins?: string[]; enabled?: boolean } = {}) {
  const { business, actor } = await makeBusiness();
  const owner = cliActor(business.id);
  await updateWidgetSettings(db, owner, { enabled: options.enabled ?? true, allowedOrigins: options.origins ?? [SHOP] });
  const { secret } = await rotateWidgetSecret(db, owner);
  const { publicId } = await db.business.findUniqueOrThrow({ where: { id: business.id }, select: { publicId: true } });
  return { business, actor, owner, publicId, secret };
}

// A token as a store mints it: {customer, exp} signed with the widget secret. Seconds from now.
export async function customerToken(secret: string, customer: string, options: { expiresIn?: number; claims?: JWTPayload; alg?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ customer, ...options.claims })
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 600))
    .sign(new TextEncoder().encode(secret));
}

export type WidgetCallOptions = Omit<CallOptions, "key"> & { publicId: string; token?: string; origin?: string | null };

// A request from a page on `origin` (SHOP unless null: a server-side call without Origin).
export function widgetCall(method: string, handler: Handler, options: WidgetCallOptions) {
  const { publicId, token, origin, params, headers, ...rest } = options;
  const sent: Record<string, string> = { ...headers };
  if (origin !== null) sent.origin = origin ?? SHOP;
  if (token) sent.authorization = `Bearer ${token}`;
  return call(method, handler, { ...rest, headers: sent, params: { publicId, ...params } });
}
