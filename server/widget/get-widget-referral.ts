// The signed-in customer's referral code and the link they share: the page the owner chose
// (or the first allowed origin) with ?ref=<code>, which the store passes on as the order's
// referralCode (POST /api/v1/orders), completing the referral at the friend's first order.
// Also how their referrals are going (counts only: the friends' identities are not theirs).
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import { requireTokenCustomer, type TokenSubject } from "./find-token-customer";
import type { Widget } from "./find-widget";

export const REFERRAL_QUERY_PARAMETER = "ref";

export type WidgetReferral = {
  code: string | null;
  shareUrl: string | null;
  referrerPoints: number;
  refereePoints: number;
  referrals: { pending: number; completed: number };
};

export async function getWidgetReferral(db: DbOrTx, actor: Actor, widget: Widget, subject: TokenSubject): Promise<WidgetReferral> {
  const { businessId } = actor;
  const { id } = await requireTokenCustomer(db, businessId, subject);
  const [customer, business, counts] = await Promise.all([
    db.customer.findFirstOrThrow({ where: { businessId, id }, select: { referralCode: true } }),
    db.business.findUniqueOrThrow({ where: { id: businessId }, select: { referrerPoints: true, refereePoints: true } }),
    db.referral.groupBy({ by: ["status"], where: { businessId, referrerId: id }, _count: true }),
  ]);
  const count = (status: string) => counts.find((c) => c.status === status)?._count ?? 0;
  return {
    code: customer.referralCode,
    shareUrl: customer.referralCode ? shareUrl(widget, customer.referralCode) : null,
    referrerPoints: business.referrerPoints,
    refereePoints: business.refereePoints,
    referrals: { pending: count("PENDING"), completed: count("COMPLETED") },
  };
}

function shareUrl(widget: Widget, code: string): string | null {
  const base = widget.shareUrl ?? (widget.allowedOrigins[0] ? `${widget.allowedOrigins[0]}/` : null);
  if (!base) return null;
  const url = new URL(base);
  url.searchParams.set(REFERRAL_QUERY_PARAMETER, code);
  return url.href;
}
