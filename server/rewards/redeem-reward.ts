// Spends a customer's points on a reward, in one transaction: the stock taken, a coupon
// issued, the REDEEM ledger entry, the redemption and its reward.redeemed event land together
// or not at all (short of points: nothing changed, the stock and the code are still there).
// Locks in one order everywhere, reward row then customer row then coupon, so concurrent
// redemptions and cancellations queue instead of deadlocking.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import { resolveCustomer } from "../customers/resolve-customer";
import type { DbOrTx } from "../db/client";
import { Prisma, type Reward } from "../db/generated/client";
import { AppError } from "../errors";
import { idempotencyKeyOf } from "../ledger/ledger-schemas";
import { writeLedger } from "../ledger/write-ledger";
import { takeCoupon } from "./take-coupon";
import { entryBalanceAfter, inRewardTransaction, toPublicRedemption, type RedemptionOutcome } from "./redemption-record";
import { redeemRewardInput, type RedeemRewardInput } from "./reward-schemas";

// storeLenient: a till's free-text storeId, ignored while the business has set up no stores
// (as on check-ins); everyone else's must name an open store. keyNamespace: put before the
// caller's idempotency key (a reserved prefix, e.g. the widget's per customer), so keys chosen
// by different customers can never meet.
export async function redeemReward(
  db: DbOrTx,
  actor: Actor,
  input: RedeemRewardInput,
  options: { storeLenient?: boolean; keyNamespace?: string } = {},
): Promise<RedemptionOutcome> {
  const data = { ...redeemRewardInput.parse(input), storeLenient: options.storeLenient };
  if (!z.guid().safeParse(data.rewardId).success) throw new AppError("NOT_FOUND", "No such reward in this business.");
  const given = idempotencyKeyOf(data);
  const key = given ? `${options.keyNamespace ?? ""}${given}` : null;
  try {
    return await inRewardTransaction(db, (tx) => redeemIn(tx, actor, data.rewardId, data, key));
  } catch (error) {
    // The same key sent twice at once: the second waited for the first and collided with it.
    // The first has committed now, so a second pass answers its redemption as a replay.
    if (!key || !collided(error)) throw error;
    return inRewardTransaction(db, (tx) => redeemIn(tx, actor, data.rewardId, data, key));
  }
}

const collided = (error: unknown) =>
  (error instanceof AppError && error.code === "IDEMPOTENCY_IN_PROGRESS") || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002");

type Request = Parameters<typeof resolveCustomer>[2] & { storeId?: string; storeLenient?: boolean };

async function redeemIn(tx: DbOrTx, actor: Actor, rewardId: string, ref: Request, key: string | null): Promise<RedemptionOutcome> {
  const { businessId } = actor;
  const customerId = (await resolveCustomer(tx, businessId, ref)).id;
  if (key) {
    // Retries of one request sent at once wait here for each other, before any stock is
    // taken: the first redeems, the others then find its redemption and replay it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`redeem:${businessId}:${key}`}, 0))`;
    const earlier = await tx.redemption.findFirst({ where: { businessId, idempotencyKey: key } });
    if (earlier) {
      if (earlier.rewardId !== rewardId || earlier.customerId !== customerId) {
        throw new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was already used with a different request.");
      }
      return { ...toPublicRedemption(earlier), balanceAfter: await entryBalanceAfter(tx, businessId, earlier.entryId), replay: true };
    }
  }
  const reward = await tx.reward.findFirst({ where: { businessId, id: rewardId } });
  if (!reward) throw new AppError("NOT_FOUND", "No such reward in this business.");
  assertRedeemable(reward, new Date());
  if (reward.stock !== null) {
    const taken = await tx.$executeRaw`UPDATE "rewards" SET "stock" = "stock" - 1, "updated_at" = now()
      WHERE "business_id" = ${businessId}::uuid AND "id" = ${rewardId}::uuid AND "stock" > 0`;
    if (taken === 0) throw new AppError("OUT_OF_STOCK", `"${reward.title}" is out of stock.`);
  }
  // Held to the end (the ledger takes it again): two redemptions by one customer can't both
  // pass the limit.
  await tx.$queryRaw`SELECT 1 FROM "customers" WHERE "business_id" = ${businessId}::uuid AND "id" = ${customerId}::uuid FOR UPDATE`;
  if (reward.perCustomerLimit !== null) {
    const held = await tx.redemption.count({ where: { businessId, rewardId, customerId, status: "ACTIVE" } });
    if (held >= reward.perCustomerLimit) {
      throw new AppError("LIMIT_REACHED", `This customer already holds ${held} of "${reward.title}", the most one customer may.`);
    }
  }
  const redemptionId = randomUUID();
  const couponCode = await takeCoupon(tx, reward, redemptionId);
  const ledger = await writeLedger(tx, actor, {
    op: "redeem",
    customerId,
    points: reward.pointsCost,
    description: `Reward: ${reward.title}`,
    idempotencyKey: key,
    metadata: { rewardId, redemptionId, couponCode },
    storeId: ref.storeId,
    storeLenient: ref.storeLenient,
  });
  const row = await tx.redemption.create({
    data: { id: redemptionId, businessId, rewardId, customerId, rewardTitle: reward.title, entryId: ledger.entry!.id, points: reward.pointsCost, couponCode, idempotencyKey: key },
  });
  await tx.$executeRaw`SELECT ll_emit_redemption(${businessId}::uuid, ${redemptionId}::uuid)`;
  return { ...toPublicRedemption(row), balanceAfter: ledger.entry!.balanceAfter, replay: false };
}

function assertRedeemable(reward: Reward, now: Date): void {
  const why = !reward.active
    ? "is not active"
    : reward.validFrom && now < reward.validFrom
      ? `can be redeemed from ${reward.validFrom.toISOString()}`
      : reward.validUntil && now >= reward.validUntil
        ? `could be redeemed until ${reward.validUntil.toISOString()}`
        : null;
  if (why) throw new AppError("REWARD_UNAVAILABLE", `"${reward.title}" ${why}.`);
}
