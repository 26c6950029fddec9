// Integration-test fixtures: businesses and actors made through the same server/ code paths.
import { randomBytes } from "node:crypto";
import { db } from "../server/db/client";
import { apiKeyActor } from "../server/actors/actor";

export async function makeBusiness(options: { pointExpiryDays?: number } = {}) {
  const slug = `biz-${randomBytes(5).toString("hex")}`;
  const business = await db.business.create({ data: { name: `Business ${slug}`, slug, pointExpiryDays: options.pointExpiryDays } });
  const actor = apiKeyActor({ id: `key-${slug}`, businessId: business.id });
  return { business, actor };
}

// The invariants the ledger promises, read straight from the tables.
export async function ledgerState(businessId: string, customerId: string) {
  const [customer, entries, lots, lotsFromAllocations] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id: customerId } } }),
    db.ledgerEntry.aggregate({ where: { businessId, customerId }, _sum: { points: true }, _count: true }),
    db.pointLot.groupBy({ by: ["pending"], where: { businessId, customerId }, _sum: { remaining: true }, _min: { remaining: true } }),
    db.$queryRaw<{ mismatched: bigint }[]>`
      SELECT count(*) AS mismatched FROM point_lots l
       WHERE l.business_id = ${businessId}::uuid AND l.customer_id = ${customerId}::uuid
         AND l.remaining <> l.points + coalesce((SELECT sum(a.points) FROM lot_allocations a WHERE a.lot_id = l.id), 0)`,
  ]);
  return {
    balance: customer.balance,
    pending: customer.pending,
    tier: customer.tier,
    lifetimeEarned: customer.lifetimeEarned,
    lifetimeRedeemed: customer.lifetimeRedeemed,
    entrySum: entries._sum.points ?? 0,
    entryCount: entries._count,
    // Spendable lots and pending ones (lots: the points one credit opened, see ledger/sql).
    lotSum: lots.find((l) => !l.pending)?._sum.remaining ?? 0,
    pendingLotSum: lots.find((l) => l.pending)?._sum.remaining ?? 0,
    minLotRemaining: lots.length ? Math.min(...lots.map((l) => l._min.remaining ?? 0)) : 0,
    lotsOutOfStepWithAllocations: Number(lotsFromAllocations[0]?.mismatched ?? 0),
  };
}

// For expiry tests: a moment `seconds` ahead on the database's clock (expiries are compared
// with its now()), and a wait until that clock has passed it. Polls; gives up after 10 s,
// which only a stopped database clock could reach.
export async function databaseTimeIn(seconds: number): Promise<Date> {
  const [row] = await db.$queryRaw<{ at: Date }[]>`SELECT clock_timestamp() + make_interval(secs => ${seconds}) AS at`;
  return new Date(row!.at);
}

export async function untilDatabaseClockPasses(at: Date): Promise<void> {
  for (let polls = 0; polls < 200; polls++) {
    const [row] = await db.$queryRaw<{ past: boolean }[]>`SELECT clock_timestamp() > ${at} AS past`;
    if (row?.past) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The database clock did not pass ${at.toISOString()} within 10 s.`);
}

// How many rows a business has in every table a public API call can write to.
export async function rowCounts(businessId: string) {
  const where = { where: { businessId } };
  return Promise.all([
    db.ledgerEntry.count(where), db.customer.count(where), db.outboxEvent.count(where), db.auditLog.count(where),
    db.badge.count(where), db.customerBadge.count(where), db.webhookEndpoint.count(where), db.apiKey.count(where),
    db.idempotencyKey.count(where), db.pointLot.count(where), db.lotAllocation.count(where),
    db.reward.count(where), db.rewardCoupon.count(where), db.redemption.count(where),
  ]);
}
