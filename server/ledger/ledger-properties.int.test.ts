// Property test: random sequences of every ledger operation, with the ledger's invariants
// checked against the tables after each step.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ledgerState, makeBusiness } from "../../test/fixtures";
import { db } from "../db/client";
import { AppError } from "../errors";
import { adjustPoints, awardPoints, expirePoints, redeemPoints, reverseEntry } from ".";
import type { Actor } from "../actors/actor";
import { getProgramSettings, updateProgramSettings } from "../program/program-settings";
import { cancelRedemption } from "../rewards/cancel-redemption";
import { createReward } from "../rewards/manage-rewards";
import { redeemReward } from "../rewards/redeem-reward";

const TIERS = [
  { name: "Member", minPoints: 0, multiplierPercent: 100 },
  { name: "Silver", minPoints: 400, multiplierPercent: 125 },
  { name: "Gold", minPoints: 1200, multiplierPercent: 150 },
];

const DAY = 86_400_000;

type Op =
  | { kind: "award"; amount: number; expiresInDays: number | null; skipMultiplier: boolean }
  | { kind: "awardPending"; amount: number; availableInDays: number }
  | { kind: "redeem"; amount: number }
  | { kind: "adjust"; points: number }
  | { kind: "reverse"; pick: number }
  | { kind: "expire"; beforeInDays: number; amount: number | null }
  | { kind: "redeemReward" }
  | { kind: "cancelRedemption"; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("award" as const), amount: fc.integer({ min: 1, max: 500 }), expiresInDays: fc.option(fc.integer({ min: 1, max: 60 })), skipMultiplier: fc.boolean() }),
  fc.record({ kind: fc.constant("awardPending" as const), amount: fc.integer({ min: 1, max: 500 }), availableInDays: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("redeem" as const), amount: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant("adjust" as const), points: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0) }),
  fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("expire" as const), beforeInDays: fc.integer({ min: 1, max: 70 }), amount: fc.option(fc.integer({ min: 1, max: 400 })) }),
  fc.record({ kind: fc.constant("redeemReward" as const) }),
  fc.record({ kind: fc.constant("cancelRedemption" as const), pick: fc.nat() }),
);

// A reward per run: 150 points, 3 in stock, a generated code each.
const REWARD_STOCK = 3;
type Run = { rewardId: string; entryIds: string[]; redemptionIds: string[] };

async function lifetimeFromEntries(customerId: string) {
  const rows = await db.$queryRaw<{ earned: bigint; redeemed: bigint }[]>`
    SELECT
      coalesce(sum(e.points) FILTER (WHERE e.type = 'AWARD' OR (e.type = 'ADJUST' AND e.points > 0)), 0)
        - coalesce(sum(o.points) FILTER (WHERE e.type = 'REVERSAL' AND o.points > 0), 0) AS earned,
      coalesce(-sum(e.points) FILTER (WHERE e.type = 'REDEEM'), 0)
        + coalesce(sum(o.points) FILTER (WHERE e.type = 'REVERSAL' AND o.type = 'REDEEM'), 0) AS redeemed
    FROM ledger_entries e LEFT JOIN ledger_entries o ON o.id = e.reverses_entry_id
    WHERE e.customer_id = ${customerId}::uuid`;
  return { earned: Number(rows[0]?.earned), redeemed: Number(rows[0]?.redeemed) };
}

async function fullState(businessId: string, customerId: string, rewardId: string) {
  const [state, lots, allocations, reward, redemptions, coupons] = await Promise.all([
    ledgerState(businessId, customerId),
    db.pointLot.findMany({ where: { customerId }, orderBy: { id: "asc" }, select: { id: true, remaining: true } }),
    db.lotAllocation.count({ where: { businessId } }),
    db.reward.findUniqueOrThrow({ where: { businessId_id: { businessId, id: rewardId } }, select: { stock: true } }),
    db.redemption.groupBy({ by: ["status"], where: { businessId, rewardId }, _count: true, orderBy: { status: "asc" } }),
    db.rewardCoupon.groupBy({ by: ["status"], where: { businessId, rewardId }, _count: true, orderBy: { status: "asc" } }),
  ]);
  return { state, lots, allocations, outbox: await db.outboxEvent.count({ where: { businessId } }), stock: reward.stock, redemptions, coupons };
}

const countOf = (groups: { status: string; _count: number }[], status: string) => groups.find((g) => g.status === status)?._count ?? 0;

async function run(actor: Actor, email: string, op: Op, { rewardId, entryIds, redemptionIds }: Run) {
  switch (op.kind) {
    case "award":
      return awardPoints(db, actor, { customerEmail: email, amount: op.amount, skipMultiplier: op.skipMultiplier, expiresAt: op.expiresInDays ? new Date(Date.now() + op.expiresInDays * DAY) : undefined });
    case "awardPending":
      return awardPoints(db, actor, { customerEmail: email, amount: op.amount, availableAt: new Date(Date.now() + op.availableInDays * DAY) });
    case "redeem":
      return redeemPoints(db, actor, { customerEmail: email, amount: op.amount });
    case "adjust":
      return adjustPoints(db, actor, { customerEmail: email, points: op.points, reason: "property test" });
    case "reverse":
      return entryIds.length ? reverseEntry(db, actor, { entryId: entryIds[op.pick % entryIds.length]!, reason: "property test" }) : undefined;
    case "expire":
      return expirePoints(db, actor, { customerEmail: email, before: new Date(Date.now() + op.beforeInDays * DAY), amount: op.amount ?? undefined });
    case "redeemReward": {
      const redemption = await redeemReward(db, actor, { rewardId, customerEmail: email });
      redemptionIds.push(redemption.id);
      entryIds.push(redemption.entryId); // a direct reversal of it must be refused
      return undefined;
    }
    case "cancelRedemption":
      if (redemptionIds.length) await cancelRedemption(db, actor, { id: redemptionIds[op.pick % redemptionIds.length]! });
      return undefined;
  }
}

describe("ledger properties", () => {
  it("keeps balance = spendable open lots >= 0, pending = pending lots, entries = balance + pending, lifetime totals, tiers and reward stock true; refusals change nothing", async () => {
    const { business, actor } = await makeBusiness();
    // Multipliers on, so awards move more than they ask and tiers move both ways.
    await updateProgramSettings(db, actor, { ...(await getProgramSettings(db, actor)), tiers: TIERS });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const email = `p${n++}@example.com`;
        const seed = await awardPoints(db, actor, { customerEmail: email, amount: 200 });
        const customerId = seed.transaction.customerId;
        const reward = await createReward(db, actor, { title: `Reward ${n}`, pointsCost: 150, stock: REWARD_STOCK, couponMode: "GENERATED" });
        const runState: Run = { rewardId: reward.id, entryIds: [seed.transaction.id], redemptionIds: [] };
        const { entryIds } = runState;
        for (const op of ops) {
          const before = await fullState(business.id, customerId, reward.id);
          let outcome: Awaited<ReturnType<typeof run>>;
          try {
            outcome = await run(actor, email, op, runState);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            expect(["INSUFFICIENT_POINTS", "ALREADY_REVERSED", "NOT_REVERSIBLE", "OUT_OF_STOCK"]).toContain(error.code);
            if (op.kind === "redeem") expect(op.amount).toBeGreaterThan(before.state.balance);
            if (op.kind === "redeemReward" && error.code === "INSUFFICIENT_POINTS") expect(before.state.balance).toBeLessThan(150);
            if (error.code === "OUT_OF_STOCK") expect(before.stock).toBe(0);
            expect(await fullState(business.id, customerId, reward.id)).toEqual(before);
            continue;
          }
          if (op.kind === "redeem") expect(op.amount).toBeLessThanOrEqual(before.state.balance);
          if (outcome && "transaction" in outcome && outcome.transaction) entryIds.push(outcome.transaction.id);
          const { state, stock, redemptions, coupons } = await fullState(business.id, customerId, reward.id);
          // Every unit of stock is either on the shelf or held by exactly one active redemption,
          // which holds exactly one issued code; a cancelled one's generated code is void.
          expect(stock! + countOf(redemptions, "ACTIVE")).toBe(REWARD_STOCK);
          expect(countOf(coupons, "ISSUED")).toBe(countOf(redemptions, "ACTIVE"));
          expect(countOf(coupons, "VOID")).toBe(countOf(redemptions, "CANCELLED"));
          // An active redemption's points are still spent: its entry was never reversed alone.
          const [refunded] = await db.$queryRaw<{ n: bigint }[]>`
            SELECT count(*) AS n FROM redemptions r JOIN ledger_entries e ON e.business_id = r.business_id AND e.reverses_entry_id = r.entry_id
             WHERE r.business_id = ${business.id}::uuid AND r.reward_id = ${reward.id}::uuid AND r.status = 'ACTIVE'`;
          expect(Number(refunded!.n)).toBe(0);
          expect(state.balance).toBeGreaterThanOrEqual(0);
          expect(state.pending).toBeGreaterThanOrEqual(0);
          expect(state.entrySum).toBe(state.balance + state.pending);
          expect(state.lotSum).toBe(state.balance);
          expect(state.pendingLotSum).toBe(state.pending);
          expect(state.minLotRemaining).toBeGreaterThanOrEqual(0);
          expect(state.lotsOutOfStepWithAllocations).toBe(0);
          const lifetime = await lifetimeFromEntries(customerId);
          expect(state.lifetimeEarned).toBe(lifetime.earned);
          expect(state.lifetimeRedeemed).toBe(lifetime.redeemed);
          // The tier is the one the available earned points reach (lifetime basis).
          const qualifying = state.lifetimeEarned - state.pending;
          expect(state.tier).toBe(TIERS.filter((t) => t.minPoints <= qualifying).at(-1)?.name ?? null);
        }
      }),
      { numRuns: 40 },
    );
  });
});
