// What a store asks about a coupon code at the counter: is it good, and marking it used.
// Codes are stored upper-cased, so any case finds them.
import type { Actor } from "../actors/actor";
import type { DbOrTx } from "../db/client";
import type { Reward, RewardCoupon } from "../db/generated/client";
import { AppError } from "../errors";
import { COUPON_CODE_PATTERN, normalizeCouponCode } from "./coupon-code";

export type PublicCoupon = {
  code: string;
  status: RewardCoupon["status"];
  // Issued to a customer and not used yet: a store may honour it.
  valid: boolean;
  reward: { id: string; title: string; active: boolean };
  customerId: string | null;
  redemptionId: string | null;
  issuedAt: Date | null;
  usedAt: Date | null;
};

type Found = RewardCoupon & { reward: Reward; redemption: { customerId: string } | null };

async function findCoupon(db: DbOrTx, actor: Actor, raw: string): Promise<Found> {
  const code = normalizeCouponCode(raw);
  const row = COUPON_CODE_PATTERN.test(code)
    ? await db.rewardCoupon.findFirst({ where: { businessId: actor.businessId, code }, include: { reward: true, redemption: { select: { customerId: true } } } })
    : null;
  if (!row) throw new AppError("NOT_FOUND", "No such coupon code in this business.");
  return row;
}

// A coupon bought with points stays good when its reward is later retired: the customer paid
// for it. `reward.active` tells the store, should it care.
function toPublicCoupon(row: Found): PublicCoupon {
  return {
    code: row.code,
    status: row.status,
    valid: row.status === "ISSUED",
    reward: { id: row.reward.id, title: row.reward.title, active: row.reward.active },
    customerId: row.redemption?.customerId ?? null,
    redemptionId: row.redemptionId,
    issuedAt: row.issuedAt,
    usedAt: row.usedAt,
  };
}

export async function getCoupon(db: DbOrTx, actor: Actor, input: { code: string }): Promise<PublicCoupon> {
  return toPublicCoupon(await findCoupon(db, actor, input.code));
}

// Idempotent: using a used code answers it as it is (same usedAt), so a till's retry is safe.
export async function useCoupon(db: DbOrTx, actor: Actor, input: { code: string }): Promise<PublicCoupon> {
  const found = await findCoupon(db, actor, input.code);
  // Conditional on ISSUED: a cancel voiding the code at the same moment wins or loses whole.
  await db.rewardCoupon.updateMany({ where: { businessId: actor.businessId, id: found.id, status: "ISSUED" }, data: { status: "USED", usedAt: new Date() } });
  const now = await findCoupon(db, actor, found.code);
  if (now.status === "USED") return toPublicCoupon(now);
  const why =
    now.status === "VOID"
      ? "was voided: the redemption it was issued for was cancelled"
      : "has not been issued to anyone: it is still in the reward's pool of codes";
  throw new AppError("COUPON_UNUSABLE", `Coupon ${now.code} ${why}.`);
}
