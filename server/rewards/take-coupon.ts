// The coupon a redemption hands out: a fresh generated code, or the oldest code left in the
// owner's pool. Runs inside the redemption's transaction: a refused redemption takes no code.
import type { DbOrTx } from "../db/client";
import type { Reward } from "../db/generated/client";
import { AppError } from "../errors";
import { generateCouponCode } from "./coupon-code";

// A clash takes about 2^25 codes issued to become likely once; five in a row means something
// other than chance.
const MAX_DRAWS = 5;

export async function takeCoupon(tx: DbOrTx, reward: Reward, redemptionId: string): Promise<string | null> {
  const { businessId, id: rewardId } = reward;
  if (reward.couponMode === "GENERATED") {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const code = generateCouponCode(reward.couponPrefix);
      // ON CONFLICT DO NOTHING: a clash must not abort the transaction; draw again instead.
      const inserted = await tx.$executeRaw`
        INSERT INTO "reward_coupons" ("business_id", "reward_id", "code", "generated", "status", "redemption_id", "issued_at")
        VALUES (${businessId}::uuid, ${rewardId}::uuid, ${code}, true, 'ISSUED', ${redemptionId}::uuid, now())
        ON CONFLICT ("business_id", "code") DO NOTHING`;
      if (inserted === 1) return code;
    }
    throw new Error(`${MAX_DRAWS} generated coupon codes in a row clashed with existing ones`);
  }
  if (reward.couponMode === "POOL") {
    // SKIP LOCKED: concurrent redemptions each take a different code instead of queueing on
    // the same one; none left unlocked is none left for this request.
    const [coupon] = await tx.$queryRaw<{ code: string }[]>`
      UPDATE "reward_coupons" SET "status" = 'ISSUED', "redemption_id" = ${redemptionId}::uuid, "issued_at" = now()
       WHERE ("business_id", "id") = (
         SELECT "business_id", "id" FROM "reward_coupons"
          WHERE "business_id" = ${businessId}::uuid AND "reward_id" = ${rewardId}::uuid AND "status" = 'AVAILABLE'
          ORDER BY "created_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "code"`;
    if (!coupon) throw new AppError("OUT_OF_STOCK", `"${reward.title}" is out of stock: no coupon codes are left.`);
    return coupon.code;
  }
  return null;
}
