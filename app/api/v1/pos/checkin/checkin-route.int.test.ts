import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { businessWithKey, call, foreignCustomer } from "@/test/api";
import { securityCases } from "@/test/security-cases";
import { POST as checkin } from "./route";

const setup = businessWithKey;

const entries = (businessId: string) => db.ledgerEntry.findMany({ where: { businessId }, orderBy: { createdAt: "asc" } });

const foreignCustomerId = async (owner: { id: string }) => (await foreignCustomer(owner, { customerPhone: "+15550009999" })).customerId;

describe("POST /api/v1/pos/checkin", () => {
  it("SPEND: earns earnRate per whole currency unit, rounded down, enrols the phone and records POS, store and staff", async () => {
    const { business, key } = await setup({ earnMode: "SPEND", earnRate: 3, rewardThreshold: 100 });
    const first = await call("POST", checkin, { key, body: { phone: "+1 (555) 010-2000", amount: 1250, storeId: "store-12", staff: "Sam" } });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ pointsAwarded: 37, totalPoints: 37, customerCreated: true, rewardThreshold: 100, rewardAvailable: false, pointsToNextReward: 63 });
    expect(first.data).not.toHaveProperty("replay");
    const enrolled = await db.customer.findFirstOrThrow({ where: { businessId: business.id, phone: "+15550102000" } });
    expect(first.data.customerId).toBe(enrolled.id);
    const [entry] = await entries(business.id);
    expect(entry).toMatchObject({ type: "AWARD", points: 37, source: "POS", staffName: "Sam", actorType: "API_KEY", metadata: { storeId: "store-12", amount: 1250 } });

    // 21.99 * 3 = 65.97 -> 65, taking the customer past the threshold.
    const second = await call("POST", checkin, { key, body: { customerId: enrolled.id, amount: 2199 } });
    expect(second.data).toMatchObject({ pointsAwarded: 65, totalPoints: 102, rewardAvailable: true, pointsToNextReward: 0, customerCreated: false });
    expect((await db.customer.findFirstOrThrow({ where: { id: enrolled.id } })).balance).toBe(102);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(2);
  });

  it("UNIT: earns earnRate per unit, one visit by default, and refuses an amount naming units", async () => {
    const { business, key } = await setup({ earnMode: "UNIT", earnRate: 10, rewardThreshold: 40 });
    const three = await call("POST", checkin, { key, body: { phone: "5550103000", units: 3 } });
    expect(three.data).toMatchObject({ pointsAwarded: 30, totalPoints: 30, rewardAvailable: false, pointsToNextReward: 10 });
    const visit = await call("POST", checkin, { key, body: { phone: "555-010-3000" } });
    expect(visit.data).toMatchObject({ pointsAwarded: 10, totalPoints: 40, rewardAvailable: true });
    const wrong = await call("POST", checkin, { key, body: { phone: "5550103000", amount: 500 } });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ success: false, code: "VALIDATION_ERROR" });
    expect(wrong.json.error).toMatch(/send units/);
    expect((await entries(business.id)).map((e) => [e.points, e.metadata])).toEqual([[30, { units: 3 }], [10, { units: 1 }]]);
  });

  it("SPEND refuses units (or no amount) with a sentence naming amount, writing and enrolling nothing", async () => {
    const { business, key } = await setup({ earnMode: "SPEND" });
    for (const body of [{ phone: "5550104000", units: 2 }, { phone: "5550104000" }]) {
      const res = await call("POST", checkin, { key, body });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatch(/send amount/);
    }
    for (const body of [{ amount: 100 }, { phone: "call me", amount: 100 }, { phone: "5550104000", amount: -1 }, { phone: "5550104000", amount: 9.5 }]) {
      expect((await call("POST", checkin, { key, body })).status, JSON.stringify(body)).toBe(400);
    }
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("a spend too small for a point answers 201 with 0, enrols the phone and writes no entry", async () => {
    const { business, key } = await setup({ earnMode: "SPEND", earnRate: 1, rewardThreshold: 100 });
    const body = { phone: "5550105000", amount: 99, storeId: "s1", idempotencyKey: "till-1-small" };
    const res = await call("POST", checkin, { key, body });
    expect(res.status).toBe(201);
    // The retry is the same answer, customerCreated included, though the phone is known by now.
    const again = await call("POST", checkin, { key, body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(res.json);
    expect(res.data).toMatchObject({ pointsAwarded: 0, totalPoints: 0, transaction: null, customerCreated: true, pointsToNextReward: 100 });
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.customer.findFirst({ where: { businessId: business.id, phone: "5550105000" } })).toMatchObject({ id: res.data.customerId, balance: 0 });
  });

  it("replays an idempotency key with the original answer and refuses it for a different purchase", async () => {
    const { business, key } = await setup({ earnMode: "SPEND", earnRate: 2 });
    const body = { phone: "5550106000", amount: 1000, idempotencyKey: "till-1-receipt-7" };
    const first = await call("POST", checkin, { key, body });
    const again = await call("POST", checkin, { key, body });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json); // byte for byte the original answer
    expect((again.data.transaction as { id: string }).id).toBe((first.data.transaction as { id: string }).id);
    const mismatch = await call("POST", checkin, { key, body: { ...body, amount: 2000 } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.code).toBe("IDEMPOTENCY_MISMATCH");
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  it("takes referenceId as the idempotency key: a retried receipt replays, writing once", async () => {
    const { business, key } = await setup({ earnMode: "SPEND", earnRate: 1 });
    const body = { phone: "5550107000", amount: 500, referenceId: "receipt-42" };
    const first = await call("POST", checkin, { key, body });
    expect(first.status).toBe(201);
    const again = await call("POST", checkin, { key, body });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await entries(business.id)).toMatchObject([{ points: 5, idempotencyKey: "receipt-42" }]);
  });

  it("replays a till's retry even after the earn rate changed in between (to more, or to nothing)", async () => {
    const { business, key } = await setup({ earnMode: "SPEND", earnRate: 2 });
    const body = { phone: "5550106100", amount: 1000, idempotencyKey: "till-2-receipt-9" };
    const first = await call("POST", checkin, { key, body });
    await db.business.update({ where: { id: business.id }, data: { earnRate: 5 } });
    const afterRaise = await call("POST", checkin, { key, body });
    expect(afterRaise.status).toBe(201);
    expect(afterRaise.headers.get("idempotent-replayed")).toBe("true");
    expect(afterRaise.json).toEqual(first.json);
    expect((first.data.transaction as { id: string }).id).toBe((afterRaise.data.transaction as { id: string }).id);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);

    // 50 cents at 2 points per unit earn 1; at 1 point per unit the retry would earn nothing.
    await db.business.update({ where: { id: business.id }, data: { earnRate: 2 } });
    const small = { phone: "5550106100", amount: 50, idempotencyKey: "till-2-receipt-10" };
    const earned = await call("POST", checkin, { key, body: small });
    expect(earned.data).toMatchObject({ pointsAwarded: 1 });
    await db.business.update({ where: { id: business.id }, data: { earnRate: 1 } });
    const afterDrop = await call("POST", checkin, { key, body: small });
    expect(afterDrop.headers.get("idempotent-replayed")).toBe("true");
    expect(afterDrop.json).toEqual(earned.json);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(2);
  });

  it("refuses a blocked customer (even for 0 points) and an unknown id; no threshold means no reward", async () => {
    const { business, key } = await setup({ earnMode: "UNIT", earnRate: 500, rewardThreshold: null });
    const res = await call("POST", checkin, { key, body: { phone: "5550107000" } });
    expect(res.data).toMatchObject({ totalPoints: 500, rewardThreshold: null, rewardAvailable: false, pointsToNextReward: null });
    await db.customer.updateMany({ where: { id: res.data.customerId as string }, data: { status: "BLOCKED" } });
    expect((await call("POST", checkin, { key, body: { phone: "5550107000" } })).json.code).toBe("CUSTOMER_BLOCKED");
    await db.business.update({ where: { id: business.id }, data: { earnMode: "SPEND", earnRate: 1 } });
    const zero = await call("POST", checkin, { key, body: { phone: "5550107000", amount: 50 } });
    expect(zero.status).toBe(403);
    expect(zero.json.code).toBe("CUSTOMER_BLOCKED");
    expect((await call("POST", checkin, { key, body: { customerId: crypto.randomUUID(), amount: 50 } })).status).toBe(404);
    expect((await call("POST", checkin, { key, body: { customerId: crypto.randomUUID(), amount: 500 } })).json.code).toBe("CUSTOMER_NOT_FOUND");
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(1);
  });

  securityCases({ method: "POST", handler: checkin, scope: "points:write", request: () => ({ body: { phone: "5550100001", amount: 500 } }),
    foreign: async (owner) => ({ body: { customerId: await foreignCustomerId(owner), amount: 500 } }) });
  describe("when the spend earns no points (nothing reaches the ledger's own checks)", () => {
    securityCases({ method: "POST", handler: checkin, scope: "points:write", request: () => ({ body: { phone: "5550100001", amount: 1 } }),
      foreign: async (owner) => ({ body: { customerId: await foreignCustomerId(owner), amount: 1 } }) });
  });
});
