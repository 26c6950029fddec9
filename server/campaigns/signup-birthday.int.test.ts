import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { cliActor } from "@/server/actors/actor";
import { createCustomer } from "@/server/customers/create-customer";
import { eraseCustomer } from "@/server/customers/erase-customer";
import { updateCustomer } from "@/server/customers/update-customer";
import { db } from "@/server/db/client";
import { importCustomers } from "@/server/import/import-customers";
import { awardPoints } from "@/server/ledger";
import { ledgerState, makeBusiness } from "@/test/fixtures";
import { rawPool } from "@/test/test-database";
import { awardBirthdayBonuses } from "./award-birthday-bonuses";
import { awardSignupBonus } from "./award-signup-bonus";
import { createCampaign, updateCampaign } from "./manage-campaigns";

const owner = rawPool();

// The campaign_signup jobs enrolment queued for this business (the worker isn't running here).
type SignupJob = { businessId: string; customerId: string; campaignIds: string[] };
async function queuedSignups(businessId: string): Promise<SignupJob[]> {
  const { rows } = await owner.query<{ payload: SignupJob }>(
    `SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'campaign_signup' AND j.payload->>'businessId' = $1 ORDER BY j.id`,
    [businessId],
  );
  return rows.map((r) => r.payload);
}
const runQueued = async (businessId: string) => {
  for (const job of await queuedSignups(businessId)) await awardSignupBonus(db, job);
};
const bonusEntries = (businessId: string, customerId?: string) =>
  db.ledgerEntry.findMany({ where: { businessId, customerId, idempotencyKey: { startsWith: "campaign:" } }, orderBy: { createdAt: "asc" } });

describe("sign-up bonus", () => {
  it("is queued with every enrolment while a campaign runs, and awarded once per customer however often the job runs", async () => {
    const { business } = await makeBusiness();
    const actor = cliActor(business.id);
    const before = (await createCustomer(db, actor, { email: "early@example.com", name: "N" })).customer;
    const welcome = await createCampaign(db, actor, { name: "Welcome", kind: "SIGNUP", points: 25 });
    await createCampaign(db, actor, { name: "Later", kind: "SIGNUP", points: 99, startsAt: new Date(Date.now() + 86_400_000) });
    const viaRest = (await createCustomer(db, actor, { email: "ann@example.com", name: "N" })).customer;
    const viaAward = await awardPoints(db, actor, { customerEmail: "bo@example.com", amount: 10 });
    await awardPoints(db, actor, { customerEmail: "bo@example.com", amount: 10 });
    await createCustomer(db, actor, { email: "ann@example.com", name: "N" });
    await importCustomers(db, actor, Readable.from(["email,name\nimported@example.com,Imp\n"]), { dryRun: false, skipInvalid: false });

    expect((await queuedSignups(business.id)).map((j) => [j.customerId, j.campaignIds])).toEqual([[viaRest.id, [welcome.id]], [viaAward.transaction.customerId, [welcome.id]]]);
    // Ended before the job ran (or retried): the customers signed up under it all the same.
    await updateCampaign(db, actor, { id: welcome.id, active: false });
    await runQueued(business.id);
    await runQueued(business.id);
    const entries = await bonusEntries(business.id);
    expect(entries.map((e) => [e.customerId, e.points, e.description, e.idempotencyKey, e.metadata])).toEqual([
      [viaRest.id, 25, "Campaign: Welcome", `campaign:${welcome.id}:signup:${viaRest.id}`, { campaignId: welcome.id }],
      [viaAward.transaction.customerId, 25, "Campaign: Welcome", `campaign:${welcome.id}:signup:${viaAward.transaction.customerId}`, { campaignId: welcome.id }],
    ]);
    expect((await ledgerState(business.id, before.id)).balance).toBe(0);
    expect((await ledgerState(business.id, viaAward.transaction.customerId)).balance).toBe(45);
    expect(await db.campaignAward.count({ where: { businessId: business.id, campaignId: welcome.id } })).toBe(2);
  });

  it("queues nothing when no sign-up campaign runs (ended, or another business's)", async () => {
    const { business } = await makeBusiness();
    const other = await makeBusiness();
    await createCampaign(db, cliActor(other.business.id), { name: "Theirs", kind: "SIGNUP", points: 5 });
    const ended = await createCampaign(db, cliActor(business.id), { name: "Ended", kind: "SIGNUP", points: 5 });
    await db.campaign.update({ where: { businessId_id: { businessId: business.id, id: ended.id } }, data: { active: false } });
    await createCustomer(db, cliActor(business.id), { email: "x@example.com", name: "N" });
    expect(await queuedSignups(business.id)).toEqual([]);
  });
});

describe("birthday bonus", () => {
  const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it("once a year on the birthday; skips other days, erased and blocked customers; 29 February on the 28th in other years", async () => {
    const { business } = await makeBusiness();
    // A return window for orders: a present is spendable at once all the same.
    await db.business.update({ where: { id: business.id }, data: { pendingDays: 14 } });
    const actor = cliActor(business.id);
    const birthday = await createCampaign(db, actor, { name: "Happy birthday", kind: "BIRTHDAY", points: 50 });
    const make = async (email: string, day: string | null) => {
      const { customer } = await createCustomer(db, actor, { email, name: "N" });
      if (day) await db.customer.update({ where: { businessId_id: { businessId: business.id, id: customer.id } }, data: { birthday: new Date(`${day}T00:00:00Z`) } });
      return customer.id;
    };
    const june = await make("june@example.com", "1990-06-15");
    const other = await make("other@example.com", "1990-06-16");
    await make("none@example.com", null);
    const erased = await make("erased@example.com", "1985-06-15");
    const blocked = await make("blocked@example.com", "1985-06-15");
    const leap = await make("leap@example.com", "2000-02-29");
    await eraseCustomer(db, actor, { id: erased });
    await db.customer.update({ where: { businessId_id: { businessId: business.id, id: blocked } }, data: { status: "BLOCKED" } });

    expect(await awardBirthdayBonuses(db, { now: at("2026-06-15") })).toMatchObject({ awards: 1, points: 50 });
    expect(await awardBirthdayBonuses(db, { now: at("2026-06-15") })).toMatchObject({ awards: 0 });
    const entries = await bonusEntries(business.id);
    expect(entries.map((e) => [e.customerId, e.points, e.description, e.idempotencyKey])).toEqual([
      [june, 50, "Campaign: Happy birthday", `campaign:${birthday.id}:birthday:${june}:2026`],
    ]);
    expect(await awardBirthdayBonuses(db, { now: at("2027-06-15") })).toMatchObject({ awards: 1 });
    expect(await ledgerState(business.id, june)).toMatchObject({ balance: 100, pending: 0 });
    expect((await ledgerState(business.id, other)).balance).toBe(0);

    expect(await awardBirthdayBonuses(db, { now: at("2027-02-28") })).toMatchObject({ awards: 1 });
    expect(await awardBirthdayBonuses(db, { now: at("2028-02-28") })).toMatchObject({ awards: 0 });
    expect(await awardBirthdayBonuses(db, { now: at("2028-02-29") })).toMatchObject({ awards: 1 });
    expect((await bonusEntries(business.id, leap)).map((e) => e.idempotencyKey)).toEqual([
      `campaign:${birthday.id}:birthday:${leap}:2027`, `campaign:${birthday.id}:birthday:${leap}:2028`,
    ]);
  });

  it("only while a birthday campaign is active and in its window", async () => {
    const { business } = await makeBusiness();
    const actor = cliActor(business.id);
    const { customer } = await createCustomer(db, actor, { email: "may@example.com", name: "N" });
    await db.customer.update({ where: { businessId_id: { businessId: business.id, id: customer.id } }, data: { birthday: new Date("1990-05-01T00:00:00Z") } });
    await createCampaign(db, actor, { name: "Spring", kind: "BIRTHDAY", points: 5, startsAt: at("2030-04-01"), endsAt: at("2030-04-30") });
    await awardBirthdayBonuses(db, { now: at("2030-05-01") });
    expect(await bonusEntries(business.id)).toEqual([]);
  });

  it("customers get an optional birthday when created or changed (a date; null clears it; nonsense is refused)", async () => {
    const { business } = await makeBusiness();
    const actor = cliActor(business.id);
    const { customer } = await createCustomer(db, actor, { email: "bday@example.com", name: "B", birthday: "1990-02-28" });
    expect(customer.birthday).toEqual(new Date("1990-02-28T00:00:00Z"));
    const row = () => db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: customer.id } } });
    expect((await row()).birthday).toEqual(new Date("1990-02-28T00:00:00Z"));
    await updateCustomer(db, actor, { id: customer.id, birthday: "1991-07-04" });
    expect((await row()).birthday).toEqual(new Date("1991-07-04T00:00:00Z"));
    for (const bad of ["1991-02-30", "04/07/1991", "1800-01-01", "2999-01-01", "1991-07-04T10:00:00Z"]) {
      await expect(updateCustomer(db, actor, { id: customer.id, birthday: bad }), bad).rejects.toThrow();
    }
    expect((await row()).birthday).toEqual(new Date("1991-07-04T00:00:00Z"));
    await updateCustomer(db, actor, { id: customer.id, birthday: null });
    expect((await row()).birthday).toBeNull();
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "customer.updated" } })).toBe(2);
  });
});
