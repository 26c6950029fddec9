// Sign-in links for the member page, made by a store's backend or till (public API) or by
// staff in the portal: /m/<publicId>#link=<token>. The token rides in the fragment, which
// browsers never send, so it stays out of server logs and Referer headers. It lives at most
// 24 h and signs in once (member_links): the page exchanges it for a 30-day member session
// (member-token.ts) on opening, so a photo of the QR code or a forwarded link is worth nothing
// once the customer has opened it.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { findCustomer } from "../customers/resolve-customer";
import { publicOrigin } from "../http/public-origin";
import { AppError } from "../errors";
import type { Widget } from "./find-widget";
import { MEMBER_LINK_MAX_LIFETIME_SECONDS, signMemberToken, verifyMemberToken } from "./member-token";

const DAY_MS = 24 * 60 * 60 * 1000;

export const memberLinkInput = z.object({
  expiresInMinutes: z
    .int("must be a whole number of minutes")
    .min(1, "must be at least 1")
    .max(MEMBER_LINK_MAX_LIFETIME_SECONDS / 60, "must be at most 1440 (24 hours)")
    .default(60)
    .meta({ description: "How long the link works, in minutes (1-1440; default 60). Opening it signs the customer in for 30 days." }),
});

export const memberLinkSchema = z.object({
  url: z.string().meta({ description: "The member page with the sign-in token in its fragment (#link=...): hand it to the customer, e.g. as a QR code." }),
  expiresAt: z.iso.datetime().meta({ description: "When the link stops working." }),
});

export type MemberLink = { url: string; expiresAt: Date };

// A member link or session names our customer id; the customer must still be one (not erased).
async function memberExists(db: DbOrTx, businessId: string, customerId: string): Promise<boolean> {
  return (await findCustomer(db, businessId, { customerId })) !== null;
}

// A member erased since signing in, or whose sessions staff ended after this one began, is
// refused like a bad token, so the page asks them to sign in again.
export async function requireSessionCustomer(db: DbOrTx, businessId: string, customerId: string, issuedAt: Date): Promise<void> {
  const customer = await db.customer.findFirst({ where: { businessId, id: customerId, erasedAt: null }, select: { memberSessionsEndedAt: true } });
  if (!customer) throw new AppError("TOKEN_INVALID", "The member session names nobody in this programme any more; sign in again.");
  // iat is in whole seconds: a session begun in the second sessions were ended is ended too.
  const ended = customer.memberSessionsEndedAt;
  if (ended && issuedAt.getTime() <= ended.getTime()) throw new AppError("TOKEN_INVALID", "This member session was signed out by the shop; sign in again.");
}

export async function createMemberLink(
  db: DbOrTx,
  actor: Actor,
  input: { customerId: string } & z.input<typeof memberLinkInput>,
  options: { origin?: string; now?: Date } = {},
): Promise<MemberLink> {
  const { expiresInMinutes } = memberLinkInput.parse(input);
  if (!(await memberExists(db, actor.businessId, input.customerId))) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");
  const business = await db.business.findUniqueOrThrow({ where: { id: actor.businessId }, select: { publicId: true, widget: { select: { enabled: true } } } });
  if (!business.widget?.enabled) {
    throw new AppError("CONFLICT", "The member page is part of the loyalty widget, which is switched off: switch it on in the widget settings first.");
  }
  const jti = randomUUID();
  const { token, expiresAt } = await signMemberToken("link", business.publicId, input.customerId, { now: options.now, lifetimeSeconds: expiresInMinutes * 60, jti });
  const now = options.now ?? new Date();
  // The customer's links a day past their end go as a new one is made: nothing else reads them.
  await db.memberLink.deleteMany({ where: { businessId: actor.businessId, customerId: input.customerId, expiresAt: { lt: new Date(now.getTime() - DAY_MS) } } });
  await db.memberLink.create({ data: { id: jti, businessId: actor.businessId, customerId: input.customerId, expiresAt } });
  // Whoever opens the link acts as the customer (their redemptions are theirs): who made one,
  // and for how long, is on the record.
  await recordAudit(db, actor, { action: "customer.member_link_created", targetType: "customer", targetId: input.customerId, details: { expiresAt: expiresAt.toISOString() } });
  return { url: `${publicOrigin(options.origin)}/m/${business.publicId}#link=${token}`, expiresAt };
}

// The page's side: a link's token in, a member session out.
export async function exchangeMemberLink(db: DbOrTx, widget: Widget, link: string, now: Date = new Date()) {
  const { customerId, jti } = await verifyMemberToken("link", link, widget.publicId, { now });
  if (!(await memberExists(db, widget.businessId, customerId))) throw new AppError("TOKEN_INVALID", "This sign-in link names nobody in this programme any more; ask the shop for a new one.");
  // Once: one conditional UPDATE, so two tabs opening the same link can't both get a session.
  const used = jti ? await db.memberLink.updateMany({ where: { businessId: widget.businessId, id: jti, customerId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } }) : { count: 0 };
  if (used.count === 0) throw new AppError("TOKEN_INVALID", "This sign-in link has already been used; ask the shop for a new one.");
  return signMemberToken("session", widget.publicId, customerId, { now });
}
