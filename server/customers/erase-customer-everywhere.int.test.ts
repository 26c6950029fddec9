// Erasure erases: after it, no column of any table holds the person's email, phone, name or
// external id, while the ledger's amounts still add up and the append-only tables still refuse
// every change other than erasure's own.
import { describe, expect, it } from "vitest";
import { ledgerState, makeBusiness } from "../../test/fixtures";
import { ownerUrl, rawPool } from "../../test/test-database";
import { awardBadge } from "../badges/award-badge";
import { db } from "../db/client";
import { adjustPoints, awardPoints, redeemPoints, reverseEntry } from "../ledger";
import { checkInCustomer } from "../pos/check-in-customer";
import { cancelRedemption } from "../rewards/cancel-redemption";
import { createReward } from "../rewards/manage-rewards";
import { redeemReward } from "../rewards/redeem-reward";
import { createWebhookEndpoint } from "../webhooks/manage-webhook-endpoints";
import { createCustomer } from "./create-customer";
import { eraseCustomer } from "./erase-customer";
import { updateCustomer } from "./update-customer";
import { upsertCustomerByExternalId } from "./upsert-customer";

const pool = rawPool();
// The tables' owner: the app role may not even ask for an UPDATE, so the trigger is tried as it.
const owner = rawPool(ownerUrl());

const person = {
  email: "zelda.quixote@example.com",
  newEmail: "zq.marlowe@example.org",
  phone: "+15550199321",
  name: "Zelda Quixote",
  externalId: "crm-zq-99871",
};
const needles = [person.email, person.newEmail, person.phone, "5550199321", person.name, "Quixote", person.externalId];

// Every text, json and array column of every table in the public schema, searched for each needle.
async function findEverywhere(): Promise<string[]> {
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')`);
  expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(expect.arrayContaining(["customers.email", "ledger_entries.metadata", "outbox_events.payload", "audit_logs.details", "idempotency_keys.key"]));
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const needle of needles) {
      const { rows } = await pool.query(`SELECT 1 FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1 LIMIT 1`, [`%${needle}%`]);
      if (rows.length > 0) hits.push(`${table_name}.${column_name}: ${needle}`);
    }
  }
  return hits;
}

async function history() {
  const { business, actor } = await makeBusiness();
  await createWebhookEndpoint(db, actor, { url: "https://hooks.example.com/loyalty", events: ["*"] });
  const { customer } = await createCustomer(db, actor, {
    email: person.email, phone: "+1 (555) 019-9321", name: person.name, externalId: person.externalId, notes: `${person.name} prefers oat milk`, initialPoints: 20,
  });
  const about = `${person.name} <${person.email}>, tel ${person.phone}, crm ${person.externalId}`;
  await awardPoints(db, actor, {
    customerEmail: person.email, amount: 300, description: `Birthday bonus for ${about}`, reference: `order ${person.externalId}`,
    referenceId: `order-${person.email}`, metadata: { buyer: person.name, email: person.email, phone: person.phone },
  });
  const goodwill = await adjustPoints(db, actor, { customerId: customer.id, points: 15, reason: `Goodwill: ${about} complained`, idempotencyKey: `adj-${person.externalId}` });
  await redeemPoints(db, actor, { customerPhone: person.phone, amount: 40, description: `Coffee for ${person.name}`, metadata: { note: about } });
  await reverseEntry(db, actor, { entryId: goodwill.transaction.id, reason: `Refund to ${about}` });
  await checkInCustomer(db, actor, { phone: person.phone, amount: 1250, idempotencyKey: `till-1-${person.phone}` });
  await awardBadge(db, actor, { customerId: customer.id, badgeSlug: "first-visit" });
  const reward = await createReward(db, actor, { title: "Free coffee", pointsCost: 10, couponMode: "GENERATED" });
  const redemption = await redeemReward(db, actor, { rewardId: reward.id, customerPhone: person.phone, idempotencyKey: `reward-${person.email}` });
  await cancelRedemption(db, actor, { id: redemption.id, reason: `Refund to ${about}` });
  await redeemReward(db, actor, { rewardId: reward.id, customerId: customer.id, idempotencyKey: `reward-2-${person.externalId}` });
  await updateCustomer(db, actor, { id: customer.id, notes: `Call ${person.name} on ${person.phone}`, name: `${person.name} Marlowe` });
  // A changed email: the old one stays in earlier events and entries.
  await upsertCustomerByExternalId(db, actor, { externalId: person.externalId, email: person.newEmail });
  await awardPoints(db, actor, { customerEmail: person.newEmail, amount: 5, customerName: person.name });
  return { business, actor, customer };
}

// What erasure must leave alone: every entry's amounts, types and times, and every lot.
async function ledgerFacts(businessId: string, customerId: string) {
  const entries = await db.ledgerEntry.findMany({ where: { businessId, customerId }, orderBy: { createdAt: "asc" },
    select: { id: true, type: true, points: true, balanceAfter: true, createdAt: true, expiresAt: true, reversesEntryId: true, source: true } });
  const lots = await db.pointLot.findMany({ where: { businessId, customerId }, orderBy: { createdAt: "asc" } });
  const events = await db.outboxEvent.findMany({ where: { businessId }, orderBy: { id: "asc" }, select: { id: true, type: true, createdAt: true, publishedAt: true } });
  return { entries, lots, events };
}

describe("erasing a customer", () => {
  it("leaves none of their data in any column of any table, and the ledger still balances", async () => {
    const { business, actor, customer } = await history();
    expect(await findEverywhere()).toEqual(expect.arrayContaining([`customers.email: ${person.newEmail}`, `outbox_events.payload: ${person.email}`,
      `ledger_entries.metadata: ${person.phone}`, `audit_logs.details: ${person.name}`, `idempotency_keys.key: ${person.email}`,
      `redemptions.idempotency_key: ${person.email}`, `redemptions.cancel_reason: ${person.name}`]));
    const before = await ledgerState(business.id, customer.id);
    const facts = await ledgerFacts(business.id, customer.id);
    expect(before.balance).toBeGreaterThan(0);

    // Their active redemption is cancelled first: its points come back and are forfeited too.
    const held = await db.redemption.aggregate({ where: { businessId: business.id, customerId: customer.id, status: "ACTIVE" }, _sum: { points: true } });
    expect(held._sum.points).toBeGreaterThan(0);
    const { forfeitedPoints } = await eraseCustomer(db, actor, { id: customer.id, reason: "Erasure request 4411" });
    expect(forfeitedPoints).toBe(before.balance + held._sum.points!);
    expect(await findEverywhere()).toEqual([]);

    const after = await ledgerState(business.id, customer.id);
    // Two entries more: the cancelled redemption's reversal, then the forfeit of everything.
    expect(after).toEqual({ ...before, balance: 0, lifetimeRedeemed: after.lifetimeRedeemed, entrySum: 0, entryCount: before.entryCount + 2, lotSum: 0, minLotRemaining: 0 });
    expect(after.lotsOutOfStepWithAllocations).toBe(0);
    const now = await ledgerFacts(business.id, customer.id);
    expect(now.entries.slice(0, -2)).toEqual(facts.entries);
    expect(now.entries.slice(-2)).toMatchObject([{ type: "REVERSAL", points: held._sum.points }, { type: "ADJUST", points: -forfeitedPoints }]);
    expect(now.lots.map(({ remaining: _r, depleted: _d, ...lot }) => lot)).toEqual(facts.lots.map(({ remaining: _r, depleted: _d, ...lot }) => lot));
    expect(now.events.slice(0, facts.events.length)).toEqual(facts.events);
    const created = await db.outboxEvent.findFirstOrThrow({ where: { businessId: business.id, type: "customer.created" } });
    expect(created.payload).toEqual({ customer: { id: customer.id }, erased: true });
    expect(await db.auditLog.findFirst({ where: { businessId: business.id, action: "customer.erased" } })).toMatchObject({ details: { forfeitedPoints, reason: "Erasure request 4411" } });
  });

  it("keeps the append-only tables append-only, for erased and live customers alike", async () => {
    const { business, actor, customer } = await history();
    const { customer: live } = await createCustomer(db, actor, { email: "live@example.com", name: "Live", initialPoints: 10 });
    await adjustPoints(db, actor, { customerId: live.id, points: 5, reason: "Live one's goodwill" });
    await eraseCustomer(db, actor, { id: customer.id });
    // The app's role has no UPDATE or DELETE there at all; the owner's is stopped by the trigger.
    const refused = async (sql: string, params: unknown[]) => {
      await expect(pool.query(sql, params)).rejects.toMatchObject({ code: "42501" });
      await expect(owner.query(sql, params)).rejects.toMatchObject({ code: "LL000" });
    };
    const ids = [business.id, customer.id];
    await refused(`UPDATE ledger_entries SET points = points + 1 WHERE business_id = $1 AND customer_id = $2`, ids);
    await refused(`UPDATE ledger_entries SET description = NULL, points = 0 WHERE business_id = $1 AND customer_id = $2`, ids);
    await refused(`UPDATE ledger_entries SET description = 'rewritten' WHERE business_id = $1 AND customer_id = $2`, ids);
    await refused(`DELETE FROM ledger_entries WHERE business_id = $1 AND customer_id = $2`, ids);
    await refused(`UPDATE audit_logs SET details = '{}' WHERE business_id = $1 AND target_id = $2::text`, ids);
    await refused(`DELETE FROM audit_logs WHERE business_id = $1 AND target_id = $2::text`, ids);
    await refused(`UPDATE idempotency_keys SET entry_id = NULL WHERE business_id = $1 AND outcome->>'customerId' = $2::text`, ids);
    await refused(`UPDATE lot_allocations SET points = 0 WHERE business_id = $1`, [business.id]);
    // A live customer's free text can't be cleared: only an erased customer's rows are open to it.
    await refused(`UPDATE ledger_entries SET description = NULL WHERE business_id = $1 AND customer_id = $2`, [business.id, live.id]);
    await refused(`UPDATE audit_logs SET details = '{}' WHERE business_id = $1 AND target_id = $2::text`, [business.id, live.id]);
    await refused(`UPDATE idempotency_keys SET key = 'erased:' || gen_random_uuid(), request_hash = NULL WHERE business_id = $1 AND outcome->>'customerId' = $2::text`, [business.id, live.id]);
    expect(await db.ledgerEntry.findMany({ where: { customerId: live.id }, select: { description: true } })).toEqual([{ description: "Welcome points" }, { description: "Live one's goodwill" }]);
    expect(await ledgerState(business.id, customer.id)).toMatchObject({ balance: 0, entrySum: 0, lotsOutOfStepWithAllocations: 0 });
  });
});
