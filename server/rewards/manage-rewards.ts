// The rewards catalogue: created, listed, read and changed (retiring one is `active: false`;
// a reward is never deleted, since redemptions name it). Every change is audited.
import { withLiveBalance } from "../ledger/live-balance";
import { z } from "zod";
import type { Actor } from "../actors/actor";
import { fieldChanges, recordAudit } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import type { Prisma, Reward } from "../db/generated/client";
import { AppError } from "../errors";
import { pagination, type Pagination } from "../paging";
import { createRewardInput, listRewardsInput, rewardFieldProblem, updateRewardInput, type CreateRewardInput, type UpdateRewardInput } from "./reward-schemas";

export type PublicReward = Pick<
  Reward,
  "id" | "title" | "description" | "pointsCost" | "active" | "stock" | "perCustomerLimit" | "validFrom" | "validUntil" | "couponMode" | "couponPrefix" | "createdAt" | "updatedAt"
> & { couponsAvailable: number | null };

const AUDITED = ["title", "description", "pointsCost", "active", "stock", "perCustomerLimit", "validFrom", "validUntil", "couponMode", "couponPrefix"] as const;

// Pool codes not yet issued, for POOL rewards (their real stock); null for the others.
async function couponsAvailable(db: DbOrTx, reward: Reward): Promise<number | null> {
  if (reward.couponMode !== "POOL") return null;
  return db.rewardCoupon.count({ where: { businessId: reward.businessId, rewardId: reward.id, status: "AVAILABLE" } });
}

async function toPublicReward(db: DbOrTx, row: Reward): Promise<PublicReward> {
  const { businessId: _b, ...rest } = row;
  return { ...rest, couponsAvailable: await couponsAvailable(db, row) };
}

export async function findReward(db: DbOrTx, actor: Actor, id: string): Promise<Reward> {
  const row = z.guid().safeParse(id).success ? await db.reward.findFirst({ where: { businessId: actor.businessId, id } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such reward in this business.");
  return row;
}

export async function createReward(db: DbOrTx, actor: Actor, input: CreateRewardInput): Promise<PublicReward> {
  const data = createRewardInput.parse(input);
  const row = await db.reward.create({ data: { ...data, businessId: actor.businessId } });
  await recordAudit(db, actor, { action: "reward.created", targetType: "reward", targetId: row.id, details: { title: row.title, pointsCost: row.pointsCost } });
  return toPublicReward(db, row);
}

export async function getReward(db: DbOrTx, actor: Actor, input: { id: string }): Promise<PublicReward> {
  return toPublicReward(db, await findReward(db, actor, input.id));
}

// The filter as the adapters parsed it with listRewardsInput. `customerId`: only what that
// customer can redeem now (the till's "what can I get?"): active, in its window, in stock (a
// pool with a code left), within their spendable points and their per-customer limit.
export async function listRewards(db: DbOrTx, actor: Actor, filter: z.output<typeof listRewardsInput>): Promise<{ items: PublicReward[]; pagination: Pagination }> {
  const { active, customerId, page, perPage } = filter;
  const where: Prisma.RewardWhereInput = { businessId: actor.businessId, active };
  if (customerId) {
    const row = await db.customer.findFirst({ where: { businessId: actor.businessId, id: customerId, erasedAt: null }, select: { id: true, balance: true } });
    if (!row) throw new AppError("CUSTOMER_NOT_FOUND", "No such customer in this business.");
    // Spendable as of now (as redeeming would find it), and the rewards they hold their limit of.
    const customer = await withLiveBalance(db, actor.businessId, row);
    const atLimit = await db.$queryRaw<{ reward_id: string }[]>`
      SELECT r.reward_id FROM redemptions r JOIN rewards w ON w.business_id = r.business_id AND w.id = r.reward_id
       WHERE r.business_id = ${actor.businessId}::uuid AND r.customer_id = ${customer.id}::uuid AND r.status = 'ACTIVE' AND w.per_customer_limit IS NOT NULL
       GROUP BY r.reward_id, w.per_customer_limit HAVING count(*) >= w.per_customer_limit`;
    const now = new Date();
    Object.assign(where, {
      active: true,
      pointsCost: { lte: customer.balance },
      id: { notIn: atLimit.map((r) => r.reward_id) },
      AND: [
        { OR: [{ stock: null }, { stock: { gt: 0 } }] },
        // A pool with no code left is out of stock too.
        { OR: [{ couponMode: { not: "POOL" } }, { coupons: { some: { status: "AVAILABLE" } } }] },
        { OR: [{ validFrom: null }, { validFrom: { lte: now } }] },
        { OR: [{ validUntil: null }, { validUntil: { gt: now } }] },
      ],
    } satisfies Prisma.RewardWhereInput);
  }
  const [rows, total] = await Promise.all([
    db.reward.findMany({ where, orderBy: [{ pointsCost: "asc" }, { title: "asc" }, { id: "asc" }], skip: (page - 1) * perPage, take: perPage }),
    db.reward.count({ where }),
  ]);
  const items = [];
  for (const row of rows) items.push(await toPublicReward(db, row));
  return { items, pagination: pagination(page, perPage, total) };
}

// Dates compared and audited as ISO strings: two Date objects are never ===.
const auditable = (r: Reward) => ({ ...r, validFrom: r.validFrom?.toISOString() ?? null, validUntil: r.validUntil?.toISOString() ?? null });

export async function updateReward(db: DbOrTx, actor: Actor, input: UpdateRewardInput): Promise<PublicReward> {
  const { id, ...changes } = updateRewardInput.parse(input);
  const before = await findReward(db, actor, id);
  const problem = rewardFieldProblem({ ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) });
  if (problem) throw new AppError("VALIDATION_ERROR", `Invalid request: ${problem}.`);
  const row = await db.reward.update({ where: { businessId_id: { businessId: actor.businessId, id } }, data: changes });
  const details = fieldChanges(auditable(before), auditable(row), AUDITED);
  if (details) await recordAudit(db, actor, { action: "reward.updated", targetType: "reward", targetId: id, details });
  return toPublicReward(db, row);
}
