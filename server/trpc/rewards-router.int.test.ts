// The portal's rewards procedures against a real database: owners build the catalogue and its
// code pool, staff redeem and cancel, one idempotency key redeems once, and another business's
// ids are invisible. Asserted on the rows and the ledger, not only on the answers.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;
let foreignReward: string;
let foreignRedemption: string;

const failure = trpcFailure;

const rewardRow = (businessId: string, id: string) => db.reward.findUniqueOrThrow({ where: { businessId_id: { businessId, id } } });
const balanceOf = async (businessId: string, id: string) => (await db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id } } })).balance;
const entries = (businessId: string, customerId: string, type: "REDEEM" | "REVERSAL") => db.ledgerEntry.count({ where: { businessId, customerId, type } });

beforeAll(async () => {
  a = await makePortalBusiness("ra");
  b = await makePortalBusiness("rb");
  const reward = await callerFor(b.owner).rewards.create({ title: "B's mug", pointsCost: 10 });
  foreignReward = reward.id;
  foreignRedemption = (await callerFor(b.staff).rewards.redeem({ rewardId: reward.id, customerId: b.customerId, idempotencyKey: randomUUID() })).id;
});

describe("rewards router", () => {
  it("lets the owner create, update and fill a reward's code pool, each change audited", async () => {
    const owner = callerFor(a.owner).rewards;
    const created = await owner.create({ title: "Free coffee", pointsCost: 100, stock: 5, perCustomerLimit: 2, couponMode: "POOL" });
    expect(await rewardRow(a.business.id, created.id)).toMatchObject({ title: "Free coffee", pointsCost: 100, stock: 5, perCustomerLimit: 2, couponMode: "POOL", active: true });
    await owner.update({ id: created.id, title: "Free large coffee", active: false });
    expect(await rewardRow(a.business.id, created.id)).toMatchObject({ title: "Free large coffee", active: false });

    const fromCsv = await owner.uploadCoupons({ id: created.id, csv: "code\ncafe-001\nCAFE-002\ncafe-001\n" });
    expect(fromCsv).toEqual({ added: 2, duplicates: ["CAFE-001"] });
    const pasted = await owner.uploadCoupons({ id: created.id, codes: ["CAFE-002", " cafe-003 ", ""] });
    expect(pasted).toEqual({ added: 1, duplicates: ["CAFE-002"] });
    const codes = await db.rewardCoupon.findMany({ where: { businessId: a.business.id, rewardId: created.id }, orderBy: { code: "asc" } });
    expect(codes.map((c) => [c.code, c.status])).toEqual([["CAFE-001", "AVAILABLE"], ["CAFE-002", "AVAILABLE"], ["CAFE-003", "AVAILABLE"]]);
    expect((await owner.get({ id: created.id })).couponsAvailable).toBe(3);

    const actions = (await db.auditLog.findMany({ where: { businessId: a.business.id, targetId: created.id }, orderBy: { createdAt: "asc" } })).map((r) => r.action);
    expect(actions).toEqual(["reward.created", "reward.updated", "reward.coupons_uploaded", "reward.coupons_uploaded"]);
  });

  it("answers the API's sentences for bad input and writes nothing", async () => {
    const owner = callerFor(a.owner).rewards;
    const before = await db.reward.count({ where: { businessId: a.business.id } });
    const dates = await failure(owner.create({ title: "Window", pointsCost: 5, validFrom: new Date("2030-02-01"), validUntil: new Date("2030-01-01") }));
    expect(dates.code).toBe("BAD_REQUEST");
    expect(dates.message).toContain("validUntil must be after validFrom");
    const csv = await failure(owner.create({ title: "", pointsCost: 5 }));
    expect(csv.message).toContain("the reward needs a title");
    expect(await db.reward.count({ where: { businessId: a.business.id } })).toBe(before);

    const plain = await owner.create({ title: "No codes", pointsCost: 5 });
    const badLine = await failure(owner.uploadCoupons({ id: plain.id, csv: "ok-code\nx\n" }));
    expect(badLine.message).toContain("line 2");
    const notPool = await failure(owner.uploadCoupons({ id: plain.id, codes: ["GOOD-1"] }));
    expect(notPool.code).toBe("CONFLICT");
    expect(await db.rewardCoupon.count({ where: { businessId: a.business.id, rewardId: plain.id } })).toBe(0);
  });

  it("keeps staff out of the catalogue's writes but lets them list, redeem and cancel", async () => {
    const staff = callerFor(a.staff).rewards;
    const count = await db.reward.count({ where: { businessId: a.business.id } });
    expect((await failure(staff.create({ title: "Staff's reward", pointsCost: 1 }))).code).toBe("FORBIDDEN");
    const reward = await callerFor(a.owner).rewards.create({ title: "Tote bag", pointsCost: 40, couponMode: "GENERATED", couponPrefix: "tote-" });
    expect((await failure(staff.update({ id: reward.id, active: false }))).code).toBe("FORBIDDEN");
    expect((await failure(staff.uploadCoupons({ id: reward.id, codes: ["AAA-1"] }))).code).toBe("FORBIDDEN");
    expect(await db.reward.count({ where: { businessId: a.business.id } })).toBe(count + 1);
    expect((await rewardRow(a.business.id, reward.id)).active).toBe(true);

    const affordable = await staff.list({ customerId: a.customerId });
    expect(affordable.items.map((r) => r.id)).toContain(reward.id);
    const balance = await balanceOf(a.business.id, a.customerId);
    const redeemed = await staff.redeem({ rewardId: reward.id, customerId: a.customerId, idempotencyKey: randomUUID() });
    expect(redeemed.couponCode).toMatch(/^TOTE-/);
    expect(await balanceOf(a.business.id, a.customerId)).toBe(balance - 40);

    const listed = await staff.redemptions({ rewardId: reward.id });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: redeemed.id, couponCode: redeemed.couponCode, status: "ACTIVE", customer: { name: "Pat Customer" } });
    expect((await staff.redemptions({ customerId: a.customerId })).items.map((r) => r.id)).toContain(redeemed.id);

    expect((await failure(staff.cancelRedemption({ id: redeemed.id, reason: "  " }))).code).toBe("BAD_REQUEST");
    const cancelled = await staff.cancelRedemption({ id: redeemed.id, reason: "Wrong customer" });
    expect(cancelled).toMatchObject({ status: "CANCELLED", balanceAfter: balance });
    expect(await balanceOf(a.business.id, a.customerId)).toBe(balance);
    expect(await db.redemption.findUniqueOrThrow({ where: { businessId_id: { businessId: a.business.id, id: redeemed.id } } })).toMatchObject({ status: "CANCELLED", cancelReason: "Wrong customer" });
  });

  it("redeems once for one idempotency key, however often it is sent", async () => {
    const reward = await callerFor(a.owner).rewards.create({ title: "Sticker", pointsCost: 7, stock: 3 });
    const staff = callerFor(a.staff).rewards;
    const redeemsBefore = await entries(a.business.id, a.customerId, "REDEEM");
    const key = randomUUID();
    const input = { rewardId: reward.id, customerId: a.customerId, idempotencyKey: key };
    const [first, second] = await Promise.all([staff.redeem(input), staff.redeem(input)]);
    const third = await staff.redeem(input);
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect(await db.redemption.count({ where: { businessId: a.business.id, rewardId: reward.id } })).toBe(1);
    expect(await entries(a.business.id, a.customerId, "REDEEM")).toBe(redeemsBefore + 1);
    expect((await rewardRow(a.business.id, reward.id)).stock).toBe(2);
  });

  it("answers NOT_FOUND for another business's reward and redemption and leaves them alone", async () => {
    const owner = callerFor(a.owner).rewards;
    const staff = callerFor(a.staff).rewards;
    const before = await rewardRow(b.business.id, foreignReward);
    expect((await failure(owner.get({ id: foreignReward }))).code).toBe("NOT_FOUND");
    expect((await failure(owner.update({ id: foreignReward, active: false }))).code).toBe("NOT_FOUND");
    expect((await failure(staff.redeem({ rewardId: foreignReward, customerId: a.customerId, idempotencyKey: randomUUID() }))).code).toBe("NOT_FOUND");
    expect((await failure(staff.cancelRedemption({ id: foreignRedemption, reason: "Not ours" }))).code).toBe("NOT_FOUND");
    expect((await staff.list({})).items.map((r) => r.id)).not.toContain(foreignReward);
    expect((await staff.redemptions({})).items.map((r) => r.id)).not.toContain(foreignRedemption);
    expect(await rewardRow(b.business.id, foreignReward)).toEqual(before);
    expect((await db.redemption.findUniqueOrThrow({ where: { businessId_id: { businessId: b.business.id, id: foreignRedemption } } })).status).toBe("ACTIVE");
  });
});
