import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { rawPool } from "../../test/test-database";
import { db } from "../db/client";
import { createCustomer } from "./create-customer";
import { eraseCustomer } from "./erase-customer";
import { updateCustomer } from "./update-customer";
import { EXACT_TOTAL_LIMIT, listCustomers, statusCount } from "./list-customers";
import type { Actor } from "../actors/actor";

const names = async (actor: Actor, search: string) => (await listCustomers(db, actor, { search, sortBy: "name", sortOrder: "asc" })).items.map((c) => c.name);

async function shop() {
  const { business, actor } = await makeBusiness();
  const ann = await createCustomer(db, actor, { name: "Ann Lee", email: "ann.lee@example.com", phone: "+15550100111" });
  const bob = await createCustomer(db, actor, { name: "Bob Stone", email: "bob@shop.test", phone: "+447700900123" });
  await createCustomer(db, actor, { name: "50%_off Club", email: "club@example.com" });
  await createCustomer(db, actor, { name: "50 off", email: "fifty@example.com" });
  return { business, actor, ann: ann.customer, bob: bob.customer };
}

describe("listCustomers search", () => {
  it("matches part of a name, email or phone, whatever the case", async () => {
    const { actor } = await shop();
    expect(await names(actor, "NN LE")).toEqual(["Ann Lee"]);
    expect(await names(actor, "tone")).toEqual(["Bob Stone"]);
    expect(await names(actor, "SHOP.T")).toEqual(["Bob Stone"]);
    expect(await names(actor, "@example.COM")).toEqual(["50 off", "50%_off Club", "Ann Lee"]);
    expect(await names(actor, "0090012")).toEqual(["Bob Stone"]);
    // Typed with spaces and dashes, a phone is also tried in its stored form.
    expect(await names(actor, "555 010-0111")).toEqual(["Ann Lee"]);
    // No match across two fields (name and email are apart in the searched text).
    expect(await names(actor, "lee ann")).toEqual([]);
    expect(await names(actor, "stonebob")).toEqual([]);
  });

  it("matches one or two characters against the start of names only", async () => {
    const { actor } = await shop();
    expect(await names(actor, "a")).toEqual(["Ann Lee"]);
    expect(await names(actor, "BO")).toEqual(["Bob Stone"]);
    expect(await names(actor, "50")).toEqual(["50 off", "50%_off Club"]);
    expect(await names(actor, "nn")).toEqual([]);
    expect(await names(actor, "sh")).toEqual([]);
  });

  it("searches for LIKE wildcards literally", async () => {
    const { actor } = await shop();
    expect(await names(actor, "50%_")).toEqual(["50%_off Club"]);
    expect(await names(actor, "%_o")).toEqual(["50%_off Club"]);
    expect(await names(actor, "%%%")).toEqual([]);
    expect(await names(actor, "___")).toEqual([]);
    expect(await names(actor, "_")).toEqual([]);
    expect(await names(actor, "5%")).toEqual([]);
  });

  it("finds only the business's own customers", async () => {
    const a = await shop();
    const b = await makeBusiness();
    await createCustomer(db, b.actor, { name: "Ann Lee", email: "ann.lee@example.com" });
    expect((await listCustomers(db, a.actor, { search: "ann lee" })).items.map((c) => c.id)).toEqual([a.ann.id]);
    expect(await names(b.actor, "bob")).toEqual([]);
    expect(await names(b.actor, "an")).toEqual(["Ann Lee"]);
  });

  it("follows edits and forgets erased customers' details", async () => {
    const { business, actor, ann } = await shop();
    await updateCustomer(db, actor, { id: ann.id, name: "Annabel Grey", email: "annabel@example.org" });
    expect(await names(actor, "ann lee")).toEqual([]);
    expect(await names(actor, "bel gr")).toEqual(["Annabel Grey"]);
    expect(await names(actor, "example.org")).toEqual(["Annabel Grey"]);
    await eraseCustomer(db, actor, { id: ann.id });
    expect(await names(actor, "annabel")).toEqual([]);
    const rows = await db.customerSearch.findMany({ where: { businessId: business.id, customerId: ann.id } });
    expect(rows).toEqual([expect.objectContaining({ text: expect.not.stringMatching(/ann|example|555/) })]);
  });
});

describe("listCustomers total", () => {
  it(`counts exactly up to ${EXACT_TOTAL_LIMIT.toLocaleString("en")} matches and labels more as an estimate`, async () => {
    const { business, actor } = await makeBusiness();
    // Through the customers triggers, as enrolment does, without the app's statement timeout.
    const pool = rawPool();
    const insert = (from: number, to: number) =>
      pool.query(
        `INSERT INTO customers (business_id, email, name, status)
         SELECT $1::uuid, 'c' || i || '@bulk.test', 'Bulk ' || i, CASE WHEN i % 1000 = 0 THEN 'BLOCKED' ELSE 'ACTIVE' END::"CustomerStatus"
           FROM generate_series($2::int, $3::int) i`,
        [business.id, from, to],
      );
    await insert(1, EXACT_TOTAL_LIMIT);
    const exact = await listCustomers(db, actor, {});
    expect(exact.pagination).toEqual({ page: 1, perPage: 25, total: EXACT_TOTAL_LIMIT, totalPages: EXACT_TOTAL_LIMIT / 25, totalIsEstimate: false });
    await insert(EXACT_TOTAL_LIMIT + 1, EXACT_TOTAL_LIMIT + 1);
    const capped = await listCustomers(db, actor, {});
    expect(capped.pagination).toMatchObject({ total: EXACT_TOTAL_LIMIT, totalIsEstimate: true });
    expect(capped.items).toHaveLength(25);
    // A filter narrower than the cap is counted exactly.
    expect((await listCustomers(db, actor, { status: "BLOCKED" })).pagination).toMatchObject({ total: 10, totalIsEstimate: false });
    expect((await listCustomers(db, actor, { status: "ACTIVE" })).pagination).toMatchObject({ total: EXACT_TOTAL_LIMIT - 9, totalIsEstimate: false });
    // An erased customer is counted by no filter.
    const blocked = await db.customer.findFirstOrThrow({ where: { businessId: business.id, email: "c2000@bulk.test" } });
    await eraseCustomer(db, actor, { id: blocked.id });
    expect((await listCustomers(db, actor, { status: "BLOCKED" })).pagination).toMatchObject({ total: 9, totalIsEstimate: false });
    // "Bulk 1000", "Bulk 10000" and "Bulk 10001".
    expect((await listCustomers(db, actor, { search: "bulk 1000" })).pagination).toMatchObject({ total: 3, totalIsEstimate: false });
  });
});

describe("listCustomers status count", () => {
  // The few blocked customers of a large tenant are counted off their partial index, which the
  // planner may use only if it can prove the index's predicate from the query's status.
  it("can be answered from customers_blocked_idx without reading the table", async () => {
    const { business } = await makeBusiness();
    const client = await rawPool().connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_seqscan = off");
      const query = statusCount(business.id, "BLOCKED");
      const { rows } = await client.query(`EXPLAIN ${query.text}`, query.values);
      expect(rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n")).toContain("customers_blocked_idx");
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});

describe("listCustomers sorts", () => {
  it("orders by balance, last activity (never-active last either way) and name, ties by id in the same direction", async () => {
    const { business, actor } = await makeBusiness();
    for (const [i, balance] of [5, 0, 40, 5, 12].entries()) {
      await createCustomer(db, actor, { name: `Sort ${i}`, email: `s${i}@example.com`, initialPoints: balance || undefined });
    }
    const rows = await db.customer.findMany({ where: { businessId: business.id } });
    const ids = async (sortBy: "balance" | "lastActivityAt" | "name", sortOrder: "asc" | "desc") =>
      (await listCustomers(db, actor, { sortBy, sortOrder })).items.map((c) => c.id);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const expected = (key: (r: (typeof rows)[number]) => number | null, dir: 1 | -1) =>
      [...rows]
        .sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          if (x === y) return byId(a, b) * dir;
          if (x === null) return 1;
          if (y === null) return -1;
          return (x - y) * dir;
        })
        .map((r) => r.id);
    expect(await ids("balance", "desc")).toEqual(expected((r) => r.balance, -1));
    expect(await ids("balance", "asc")).toEqual(expected((r) => r.balance, 1));
    expect(await ids("lastActivityAt", "desc")).toEqual(expected((r) => r.lastActivityAt?.getTime() ?? null, -1));
    expect(await ids("lastActivityAt", "asc")).toEqual(expected((r) => r.lastActivityAt?.getTime() ?? null, 1));
    expect(await ids("name", "desc")).toEqual([...rows].sort((a, b) => (a.name! < b.name! ? 1 : -1)).map((r) => r.id));
    // Pages of two across the never-active customers (read apart from the others when descending).
    const paged = [];
    for (const page of [1, 2, 3]) paged.push(...(await listCustomers(db, actor, { sortBy: "lastActivityAt", sortOrder: "desc", page, perPage: 2 })).items.map((c) => c.id));
    expect(paged).toEqual(expected((r) => r.lastActivityAt?.getTime() ?? null, -1));
    expect((await listCustomers(db, actor, { sortBy: "lastActivityAt", sortOrder: "desc", page: 5, perPage: 1 })).items.map((c) => c.id)).toEqual(paged.slice(4));
  });
});
