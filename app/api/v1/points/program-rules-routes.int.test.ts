// The program rules through the REST API: stores on writes and in history filters, tier
// multipliers and skipMultiplier, pending points in balance answers.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createStore } from "@/server/stores/manage-stores";
import { getProgramSettings, updateProgramSettings } from "@/server/program/program-settings";
import { businessWithKey, call } from "@/test/api";
import { POST as award } from "./award/route";
import { GET as balance } from "./balance/route";
import { GET as history } from "./history/route";
import { POST as redeem } from "./redeem/route";
import { apiKeyActor } from "@/server/actors/actor";

async function setup() {
  const { key, business } = await businessWithKey();
  const actor = apiKeyActor({ id: "setup", businessId: business.id });
  await updateProgramSettings(db, actor, {
    ...(await getProgramSettings(db, actor)),
    tiers: [{ name: "Member", minPoints: 0, multiplierPercent: 100 }, { name: "VIP", minPoints: 50, multiplierPercent: 250 }],
  });
  const store = await createStore(db, actor, { name: "Downtown", code: "DT-01" });
  return { key, business, store };
}

describe("program rules over /api/v1/points", () => {
  it("records the store on the transaction and filters history by it", async () => {
    const { key, business, store } = await setup();
    const res = await call("POST", award, { key, body: { customerEmail: "a@example.com", amount: 60, storeId: "dt-01" } });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ transaction: { storeId: store.id, points: 60, basePoints: 60, multiplierPercent: 100 } });
    await call("POST", award, { key, body: { customerEmail: "a@example.com", amount: 5 } });
    const entries = await db.ledgerEntry.findMany({ where: { businessId: business.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.storeId, e.points])).toEqual([[store.id, 60], [null, 12]]); // 5 x 250% = 12.5, down
    const filtered = await call("GET", history, { key, query: { email: "a@example.com", storeId: "DT-01" } });
    expect(filtered.data).toMatchObject({ pagination: { total: 1 }, items: [{ storeId: store.id }] });
  });

  it("refuses an unknown store with 400 and a sentence, writing nothing (no customer either)", async () => {
    const { key, business } = await setup();
    const refused = await call("POST", award, { key, body: { customerEmail: "b@example.com", amount: 10, storeId: "XX" } });
    expect([refused.status, refused.json.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(refused.json.error).toMatch(/storeId names no open store/);
    expect(await db.customer.count({ where: { businessId: business.id } })).toBe(0);
    expect(await db.ledgerEntry.count({ where: { businessId: business.id } })).toBe(0);
  });

  it("skipMultiplier awards the base points; availableAt makes them pending, shown apart in the balance", async () => {
    const { key } = await setup();
    await call("POST", award, { key, body: { customerEmail: "c@example.com", amount: 60 } });
    const skipped = await call("POST", award, { key, body: { customerEmail: "c@example.com", amount: 10, skipMultiplier: true } });
    expect(skipped.data).toMatchObject({ transaction: { points: 10, multiplierPercent: 100 } });
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const pending = await call("POST", award, { key, body: { customerEmail: "c@example.com", amount: 10, availableAt: later } });
    expect(pending.data).toMatchObject({ balance: 70, transaction: { points: 25, availableAt: later } });
    const bal = await call("GET", balance, { key, query: { email: "c@example.com" } });
    expect(bal.data).toMatchObject({
      balance: 70, pending: 25, nextAvailableAt: later, tier: "VIP", tierMultiplierPercent: 250, qualifyingPoints: 70, nextTier: null, pointsToNextTier: null,
    });
    const spend = await call("POST", redeem, { key, body: { customerEmail: "c@example.com", amount: 71 } });
    expect([spend.status, spend.json.code]).toEqual([422, "INSUFFICIENT_POINTS"]);
    const tooLate = await call("POST", award, { key, body: { customerEmail: "c@example.com", amount: 1, availableAt: new Date(Date.now() + 400 * 86_400_000).toISOString() } });
    expect([tooLate.status, tooLate.json.error]).toEqual([400, expect.stringMatching(/availableAt: must be at most 365 days from now/)]);
    const atUnknownStore = await call("POST", redeem, { key, body: { customerEmail: "c@example.com", amount: 1, storeId: "XX" } });
    expect([atUnknownStore.status, atUnknownStore.json.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(await db.ledgerEntry.count({ where: { type: "REDEEM" } })).toBe(0);
  });
});
