import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { awardPoints } from "@/server/ledger";
import { businessWithKey, call, foreignCustomer } from "@/test/api";
import { makeBusiness } from "@/test/fixtures";
import { securityCases } from "@/test/security-cases";
import { GET as balance } from "./balance/[phoneOrId]/route";
import { GET as customer } from "./customer/[phoneOrId]/route";
import { POST as redeem } from "./redeem/route";

const setup = businessWithKey;

const foreignCustomerId = async (owner: { id: string }) => (await foreignCustomer(owner, { customerPhone: "+15550009999" })).customerId;

describe("GET /api/v1/pos/customer/{phoneOrId} and /pos/balance/{phoneOrId}", () => {
  it("finds a customer by phone in any format or by id, with balance, pending points, tier progress and reward availability", async () => {
    const { business, actor, key } = await setup({ rewardThreshold: 100 });
    const { transaction } = await awardPoints(db, actor, { customerPhone: "+15550108000", customerName: "Ann", amount: 120 });
    const later = new Date(Date.now() + 86_400_000);
    await awardPoints(db, actor, { customerId: transaction.customerId, amount: 30, availableAt: later });
    const standing = {
      pending: 30, nextAvailableAt: later.toISOString(), tier: "Bronze", tierMultiplierPercent: 100, qualifyingPoints: 120,
      nextTier: { name: "Silver", minPoints: 1000, multiplierPercent: 100 }, pointsToNextTier: 880,
    };
    const expected = { id: transaction.customerId, name: "Ann", phone: "+15550108000", balance: 120, ...standing, status: "ACTIVE", rewardThreshold: 100, rewardAvailable: true, pointsToNextReward: 0 };
    for (const phoneOrId of ["+1 (555) 010-8000", "%2B15550108000", transaction.customerId, transaction.customerId.toUpperCase()]) {
      const res = await call("GET", customer, { key, params: { phoneOrId } });
      expect(res.status, phoneOrId).toBe(200);
      expect(res.data).toEqual(expected);
    }
    const bal = await call("GET", balance, { key, params: { phoneOrId: "+15550108000" } });
    expect(bal.status).toBe(200);
    expect(bal.data).toEqual({ customerId: transaction.customerId, balance: 120, ...standing, rewardThreshold: 100, rewardAvailable: true, pointsToNextReward: 0 });
    await db.business.update({ where: { id: business.id }, data: { rewardThreshold: 500 } });
    expect((await call("GET", balance, { key, params: { phoneOrId: transaction.customerId } })).data).toMatchObject({ rewardAvailable: false, pointsToNextReward: 380 });
  });

  it("404 for an unknown phone or id, 400 for something that is neither", async () => {
    const { key } = await setup();
    for (const handler of [customer, balance]) {
      const unknownPhone = await call("GET", handler, { key, params: { phoneOrId: "5550109999" } });
      expect(unknownPhone.status).toBe(404);
      expect(unknownPhone.json).toMatchObject({ success: false, code: "CUSTOMER_NOT_FOUND" });
      expect((await call("GET", handler, { key, params: { phoneOrId: crypto.randomUUID() } })).status).toBe(404);
      const neither = await call("GET", handler, { key, params: { phoneOrId: "ann@example.com" } });
      expect(neither.status).toBe(400);
      expect(neither.json.error).toMatch(/customer id \(UUID\) or a phone number/);
    }
  });

  for (const [name, handler] of [["customer", customer], ["balance", balance]] as const) {
    describe(name, () => {
      securityCases({ method: "GET", handler, scope: "points:read", request: () => ({ params: { phoneOrId: "5550100002" } }),
        foreign: async (owner) => ({ params: { phoneOrId: await foreignCustomerId(owner) } }) });
    });
  }
  it("does not find another business's customer by phone either", async () => {
    const owner = await makeBusiness();
    await foreignCustomerId(owner.business);
    const { key } = await setup();
    expect((await call("GET", customer, { key, params: { phoneOrId: "+15550009999" } })).status).toBe(404);
  });
});

describe("POST /api/v1/pos/redeem", () => {
  it("redeems by phone, records POS and staff, and refuses overdrawing with 422 leaving the ledger as it was", async () => {
    const { business, actor, key } = await setup({ rewardThreshold: 100 });
    await awardPoints(db, actor, { customerPhone: "5550110000", amount: 150 });
    const res = await call("POST", redeem, { key, body: { phone: "555 0110 000", points: 100, staff: "Kim", idempotencyKey: "reward-1" } });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ pointsRedeemed: 100, totalPoints: 50, rewardAvailable: false, pointsToNextReward: 50 });
    const redemption = await db.ledgerEntry.findFirstOrThrow({ where: { businessId: business.id, type: "REDEEM" } });
    expect(redemption).toMatchObject({ points: -100, balanceAfter: 50, source: "POS", staffName: "Kim", idempotencyKey: "reward-1" });
    const again = await call("POST", redeem, { key, body: { phone: "5550110000", points: 100, idempotencyKey: "reward-1" } });
    expect(again.json).toEqual(res.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const short = await call("POST", redeem, { key, body: { customerId: res.data.customerId, points: 51 } });
    expect(short.status).toBe(422);
    expect(short.json).toMatchObject({ success: false, code: "INSUFFICIENT_POINTS" });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(2);
    expect((await db.customer.findFirstOrThrow({ where: { id: res.data.customerId as string } })).balance).toBe(50);
  });

  it("takes referenceId as the idempotency key: a retried redemption replays, spending once", async () => {
    const { business, actor, key } = await setup();
    await awardPoints(db, actor, { customerPhone: "5550112000", amount: 80 });
    const body = { phone: "5550112000", points: 30, referenceId: "reward-9" };
    const first = await call("POST", redeem, { key, body });
    expect(first.status).toBe(201);
    const again = await call("POST", redeem, { key, body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await db.ledgerEntry.findMany({ where: { businessId: business.id, type: "REDEEM" } })).toMatchObject([{ points: -30, idempotencyKey: "reward-9" }]);
  });

  it("403 for a blocked customer, 404 for an unknown one, 400 for bad input", async () => {
    const { business, actor, key } = await setup();
    const { transaction } = await awardPoints(db, actor, { customerPhone: "5550111000", amount: 50 });
    await db.customer.updateMany({ where: { id: transaction.customerId }, data: { status: "BLOCKED" } });
    const blocked = await call("POST", redeem, { key, body: { phone: "5550111000", points: 10 } });
    expect(blocked.status).toBe(403);
    expect(blocked.json.code).toBe("CUSTOMER_BLOCKED");
    expect((await call("POST", redeem, { key, body: { phone: "5550111999", points: 10 } })).status).toBe(404);
    for (const body of [{ phone: "5550111000", points: 0 }, { phone: "5550111000", points: 1.5 }, { points: 10 }, { phone: "5550111000" }]) {
      const res = await call("POST", redeem, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe("VALIDATION_ERROR");
    }
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  securityCases({ method: "POST", handler: redeem, scope: "points:write", request: () => ({ body: { phone: "5550100003", points: 5 } }),
    foreign: async (owner) => ({ body: { customerId: await foreignCustomerId(owner), points: 5 } }) });
});
