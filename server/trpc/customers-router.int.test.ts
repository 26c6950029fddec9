// The portal's customer care procedures against a real database: staff add a customer (with
// opening points and their reason) and correct one, with the API's rules and sentences; a
// clash names the customer who holds the email or phone; nothing is half-written.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor, makePortalBusiness, trpcFailure } from "./portal-fixtures";

type Fixture = Awaited<ReturnType<typeof makePortalBusiness>>;
let a: Fixture;
let b: Fixture;

const failure = trpcFailure;

const customerRow = (businessId: string, id: string) => db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId, id } } });
const customerCount = (businessId: string) => db.customer.count({ where: { businessId } });

beforeAll(async () => {
  a = await makePortalBusiness("ca");
  b = await makePortalBusiness("cb");
});

describe("customers router: add and edit", () => {
  it("lets staff add a customer with notes and opening points booked under the reason given", async () => {
    const staff = callerFor(a.staff).customers;
    const saved = await staff.create({ name: "Grace Hopper", email: "Grace@Example.COM", notes: "oat milk", initialPoints: 50, initialPointsReason: "Loyalty card moved over" });
    expect(saved.created).toBe(true);
    expect(await customerRow(a.business.id, saved.customer.id)).toMatchObject({ name: "Grace Hopper", email: "grace@example.com", notes: "oat milk", balance: 50 });
    const entries = await db.ledgerEntry.findMany({ where: { businessId: a.business.id, customerId: saved.customer.id } });
    expect(entries.map((e) => [e.type, e.points, e.description, e.staffName])).toEqual([["AWARD", 50, "Loyalty card moved over", a.staff.name]]);
  });

  it("adds a phone-only customer and refuses one with neither email nor phone, writing nothing", async () => {
    const staff = callerFor(a.staff).customers;
    const saved = await staff.create({ name: "Till Only", phone: "+1 (555) 010-2000" });
    expect((await customerRow(a.business.id, saved.customer.id)).phone).toBe("+15550102000");
    const before = await customerCount(a.business.id);
    const error = await failure(staff.create({ name: "Nobody" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("email: send an email or a phone number (or both)");
    expect(await customerCount(a.business.id)).toBe(before);
  });

  it("answers the existing customer for an enrolled email, awarding no opening points", async () => {
    const owner = callerFor(a.owner).customers;
    const first = await owner.create({ name: "Ada", email: "ada@example.com" });
    const again = await owner.create({ name: "Ada Again", email: "ADA@example.com", initialPoints: 500 });
    expect(again).toMatchObject({ created: false, customer: { id: first.customer.id, name: "Ada" } });
    expect((await customerRow(a.business.id, first.customer.id)).balance).toBe(0);
  });

  it("names the customer who already has a phone when adding, with nothing written", async () => {
    const owner = callerFor(a.owner).customers;
    const holder = await owner.create({ name: "Phone Holder", email: "holder@example.com", phone: "+15550103000" });
    const before = await customerCount(a.business.id);
    const error = await failure(owner.create({ name: "Clash", email: "clash@example.com", phone: "+1 555 010 3000", initialPoints: 10 }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Another customer in this business already has the phone number +15550103000.");
    expect(error.cause).toMatchObject({ code: "ALREADY_EXISTS", details: { customerId: holder.customer.id, customerName: "Phone Holder" } });
    expect(await customerCount(a.business.id)).toBe(before);
  });

  it("lets staff edit name, email, phone, external id and notes, audited by field name only", async () => {
    const staff = callerFor(a.staff).customers;
    const { customer } = await staff.create({ name: "Edit Me", email: "edit@example.com" });
    await staff.update({ id: customer.id, name: "Edited", email: "New@Example.com", phone: "+44 20 7946 0000", externalId: "POS-77", notes: "VIP" });
    expect(await customerRow(a.business.id, customer.id)).toMatchObject({ name: "Edited", email: "new@example.com", phone: "+442079460000", externalId: "POS-77", notes: "VIP" });
    await staff.update({ id: customer.id, externalId: null, notes: "" });
    expect(await customerRow(a.business.id, customer.id)).toMatchObject({ externalId: null, notes: null });
    const audits = await db.auditLog.findMany({ where: { businessId: a.business.id, targetId: customer.id, action: "customer.updated" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((r) => r.details)).toEqual([{ fields: ["name", "email", "phone", "externalId", "notes"] }, { fields: ["externalId", "notes"] }]);
  });

  it("refuses an edit to an email another customer holds, naming them, and changes nothing", async () => {
    const staff = callerFor(a.staff).customers;
    const holder = await staff.create({ name: "Email Holder", email: "taken@example.com" });
    const { customer } = await staff.create({ name: "Wants It", email: "wants@example.com" });
    const error = await failure(staff.update({ id: customer.id, name: "Renamed", email: "TAKEN@example.com" }));
    expect(error.message).toBe("Another customer in this business already has the email address taken@example.com.");
    expect(error.cause).toMatchObject({ code: "ALREADY_EXISTS", details: { customerId: holder.customer.id, customerName: "Email Holder" } });
    expect(await customerRow(a.business.id, customer.id)).toMatchObject({ name: "Wants It", email: "wants@example.com" });
  });

  it("refuses an empty name and an empty change with the API's sentences", async () => {
    const staff = callerFor(a.staff).customers;
    expect((await failure(staff.update({ id: a.customerId, name: "" }))).message).toBe("name: must not be empty");
    expect((await failure(staff.update({ id: a.customerId }))).message).toBe("name: send at least one of name, email, phone, external id, notes, birthday or status");
    expect((await customerRow(a.business.id, a.customerId)).name).toBe("Pat Customer");
  });

  it("can't edit another business's customer (not found), and its row is untouched", async () => {
    const error = await failure(callerFor(a.owner).customers.update({ id: b.customerId, name: "Hijacked" }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await customerRow(b.business.id, b.customerId)).name).toBe("Pat Customer");
  });
});

describe("points.history: reversals linked both ways", () => {
  it("marks a reversed entry with its reversal and links the reversal to the entry it undid, across pages", async () => {
    const staff = callerFor(a.staff);
    const { customer } = await staff.customers.create({ name: "History Hal", email: "hal@example.com", initialPoints: 40 });
    const adjusted = await staff.points.adjust({ customerId: customer.id, points: 25, reason: "Keyed in twice" });
    const reversal = await staff.points.reverse({ entryId: adjusted.transaction.id, reason: "Duplicate" });
    const stored = await db.ledgerEntry.findFirstOrThrow({ where: { businessId: a.business.id, reversesEntryId: adjusted.transaction.id } });
    expect(stored.id).toBe(reversal.transaction.id);

    const all = await staff.points.history({ customerId: customer.id });
    const byId = new Map(all.items.map((e) => [e.id, e]));
    expect(byId.get(adjusted.transaction.id)?.reversedBy).toMatchObject({ id: stored.id, type: "REVERSAL", points: -25 });
    expect(byId.get(stored.id)?.reverses).toMatchObject({ id: adjusted.transaction.id, type: "ADJUST", points: 25, description: "Keyed in twice" });
    const welcome = all.items.find((e) => e.description === "Welcome points")!;
    expect(welcome).toMatchObject({ reversedBy: null, reverses: null });

    // The adjustment alone (the reversal filtered out, or on another page) still knows it was undone.
    const adjustsOnly = await staff.points.history({ customerId: customer.id, type: "ADJUST" });
    expect(adjustsOnly.items.map((e) => e.reversedBy?.id)).toEqual([stored.id]);
    // One entry a page: each still carries its link, whichever order the entries fall in.
    const pages = await Promise.all([1, 2, 3].map((page) => staff.points.history({ customerId: customer.id, page, perPage: 1 })));
    const alone = new Map(pages.map((p) => [p.items[0]!.id, p.items[0]!]));
    expect(alone.get(adjusted.transaction.id)?.reversedBy?.id).toBe(stored.id);
    expect(alone.get(stored.id)?.reverses?.id).toBe(adjusted.transaction.id);
    expect(alone.get(welcome.id)).toMatchObject({ reversedBy: null, reverses: null });
  });
});
