import { createWriteStream, mkdtempSync, createReadStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createCustomer } from "../customers/create-customer";
import { eraseCustomer } from "../customers/erase-customer";
import { db } from "../db/client";
import { ledgerState, makeBusiness, rowCounts } from "../../test/fixtures";
import { outboxEvents } from "../outbox/outbox-events";
import { BATCH_LINES, importCustomers, OPENING_BALANCE_DESCRIPTION } from "./import-customers";

// Issue 13 asks for 100k, imported twice (bench:import runs 1M). Since the import announces a
// batch with one event, not three per customer, that takes 15-40 s on a shared 2-core machine;
// the timeout is only there for a machine under heavy load.
const ROWS = 100_000;
const dir = mkdtempSync(path.join(os.tmpdir(), "import-test-"));
const fromText = (text: string) => Readable.from([text]);
const run = (actor: Parameters<typeof importCustomers>[1], text: string, options: { dryRun?: boolean; skipInvalid?: boolean } = {}) =>
  importCustomers(db, actor, fromText(text), { dryRun: options.dryRun ?? false, skipInvalid: options.skipInvalid ?? false });

// Balance of row i: zero for every 5th customer, some past Silver (1000) and Gold (5000).
const opening = (i: number) => (i % 5 === 0 ? 0 : (i * 37) % 6000);

async function writeBigFile(rows: number): Promise<string> {
  const file = path.join(dir, `customers-${rows}.csv`);
  const out = createWriteStream(file);
  out.write("Email,Phone,External ID,Name,Birthday,Opening Balance,Tier\n");
  for (let i = 0; i < rows; i++) {
    const line = `c${i}@big.test,+1555${String(i).padStart(7, "0")},ext-${i},Customer ${i},1990-01-${String((i % 28) + 1).padStart(2, "0")},${opening(i)},Gold\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return file;
}

async function ledgerTotals(businessId: string) {
  const [row] = await db.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM customers WHERE business_id = ${businessId}::uuid) AS customers,
           (SELECT coalesce(sum(balance + pending), 0) FROM customers WHERE business_id = ${businessId}::uuid) AS balances,
           (SELECT coalesce(sum(lifetime_earned), 0) FROM customers WHERE business_id = ${businessId}::uuid) AS lifetime,
           (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE business_id = ${businessId}::uuid) AS entries,
           (SELECT coalesce(sum(remaining), 0) FROM point_lots WHERE business_id = ${businessId}::uuid AND NOT depleted) AS lots,
           (SELECT count(*) FROM (SELECT customer_id FROM ledger_entries WHERE business_id = ${businessId}::uuid
                                    AND description = ${OPENING_BALANCE_DESCRIPTION} GROUP BY customer_id HAVING count(*) > 1) d) AS doubled,
           (SELECT count(*) FROM customers c LEFT JOIN (
              SELECT customer_id, sum(remaining) AS remaining FROM point_lots WHERE business_id = ${businessId}::uuid AND NOT pending GROUP BY customer_id
            ) l ON l.customer_id = c.id WHERE c.business_id = ${businessId}::uuid AND c.balance <> coalesce(l.remaining, 0)) AS lots_off,
           -- The default tier table: Bronze from 0, Silver from 1000, Gold from 5000.
           (SELECT count(*) FROM customers c WHERE business_id = ${businessId}::uuid
               AND c.tier <> CASE WHEN c.lifetime_earned >= 5000 THEN 'Gold' WHEN c.lifetime_earned >= 1000 THEN 'Silver' ELSE 'Bronze' END) AS tiers_off,
           -- Each move above Bronze recorded once, to the tier the customer is in.
           (SELECT count(*) FROM tier_changes t JOIN customers c ON c.business_id = t.business_id AND c.id = t.customer_id
             WHERE t.business_id = ${businessId}::uuid AND t.from_tier = 'Bronze' AND t.to_tier = c.tier AND t.qualifying_points = c.lifetime_earned) AS tier_changes,
           (SELECT count(*) FROM tier_changes WHERE business_id = ${businessId}::uuid) AS all_tier_changes`;
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

describe("customer import", () => {
  it(`imports ${ROWS.toLocaleString("en")} rows twice: the same customers, each opening balance once, the ledger's invariants intact`, async () => {
    const { business, actor } = await makeBusiness();
    const other = await makeBusiness();
    await createCustomer(db, other.actor, { email: "c1@big.test", name: "Someone else's", initialPoints: 10 });
    const otherBefore = await rowCounts(other.business.id);
    const file = await writeBigFile(ROWS);
    const expectedSum = Array.from({ length: ROWS }, (_, i) => opening(i)).reduce((a, b) => a + b, 0);
    const withBalance = Array.from({ length: ROWS }, (_, i) => opening(i)).filter((p) => p > 0).length;
    const pastBronze = Array.from({ length: ROWS }, (_, i) => opening(i)).filter((p) => p >= 1000).length;

    const first = await importCustomers(db, actor, createReadStream(file), { dryRun: false, skipInvalid: false });
    expect(first).toMatchObject({ refused: false, rows: ROWS, created: ROWS, updated: 0, balancesPosted: withBalance, invalid: 0, errors: [] });
    expect(first.warnings[0]).toMatch(new RegExp(`tier column was ignored on ${ROWS} rows`));
    const totals = await ledgerTotals(business.id);
    expect(totals).toEqual({ customers: ROWS, balances: expectedSum, lifetime: expectedSum, entries: expectedSum, lots: expectedSum, doubled: 0, lots_off: 0, tiers_off: 0, tier_changes: pastBronze, all_tier_changes: pastBronze });
    const counts = await rowCounts(business.id);

    const second = await importCustomers(db, actor, createReadStream(file), { dryRun: false, skipInvalid: false });
    expect(second).toMatchObject({ refused: false, rows: ROWS, matched: ROWS, created: 0, updated: 0, balancesPosted: 0, balancesAlreadyPosted: withBalance });
    expect(await ledgerTotals(business.id)).toEqual(totals);
    // Nothing else was written either (bar the import's own audit row).
    const after = await rowCounts(business.id);
    expect({ ...after, 3: 0 }).toEqual({ ...counts, 3: 0 });
    expect(after[3]).toBe(counts[3] + 1);
    expect(await rowCounts(other.business.id)).toEqual(otherBefore);

    // One customer in detail: their row, entry and events as the ledger writes them.
    const c = await db.customer.findFirstOrThrow({ where: { businessId: business.id, email: "c162@big.test" } });
    expect(c).toMatchObject({ phone: "+15550000162", externalId: "ext-162", name: "Customer 162", balance: opening(162), tier: "Gold", lifetimeEarned: opening(162) });
    expect(c.birthday?.toISOString().slice(0, 10)).toBe("1990-01-23");
    expect(await ledgerState(business.id, c.id)).toMatchObject({ balance: opening(162), entrySum: opening(162), lotSum: opening(162), entryCount: 1, lotsOutOfStepWithAllocations: 0 });
    // No event per new customer: one customers.imported per batch of lines, none from the re-run.
    const events = await db.outboxEvent.findMany({ where: { businessId: business.id }, orderBy: { id: "asc" } });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["customers.imported"]));
    // Batches commit on two connections side by side, so their events come in either order.
    const batches = events.map((e) => outboxEvents["customers.imported"].parse(e.payload).import).sort((a, b) => a.fromLine - b.fromLine);
    expect(batches.map((b) => [b.fromLine, b.toLine])).toEqual(
      Array.from({ length: Math.ceil(ROWS / BATCH_LINES) }, (_, i) => [2 + i * BATCH_LINES, Math.min(ROWS + 1, 1 + (i + 1) * BATCH_LINES)]),
    );
    const sum = (key: "created" | "updated" | "balancesPosted" | "pointsPosted") => batches.reduce((total, b) => total + b[key], 0);
    expect([sum("created"), sum("updated"), sum("balancesPosted"), sum("pointsPosted")]).toEqual([ROWS, 0, withBalance, expectedSum]);
  }, 180_000);

  it("reports bad rows by line, field and reason; a dry run and a refused run write nothing", async () => {
    const { business, actor } = await makeBusiness();
    const file = [
      "email,phone,name,birthday,balance",
      "ann@x.test,,Ann,1980-02-03,100",
      "not-an-email,,Bob,,",
      "cy@x.test,,Cy,1980-02-30,",
      "ANN@x.test,,Ann again,,5",
      '"dee@x.test","","Dee ""the"" Multi\nLine",,-4',
      "ed@x.test,+1 555 010 2000",
      ",,No identity,,1",
    ].join("\n");
    const before = await rowCounts(business.id);
    const dry = await run(actor, file, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, refused: true, rows: 7, valid: 1, invalid: 6 });
    expect(dry.errors).toEqual([
      { line: 3, field: "email", reason: "must be a valid email address" },
      { line: 4, field: "birthday", reason: "must be a date as YYYY-MM-DD" },
      { line: 5, field: "email", reason: "repeats line 2" },
      { line: 7, field: "opening_balance", reason: "must be a whole number of points, 0 or more" },
      { line: 8, field: "row", reason: "has 2 columns, the header has 5" },
      { line: 9, field: "email", reason: "needs an email, phone or external id" },
    ]);
    expect(await run(actor, file)).toMatchObject({ refused: true, created: 0 });
    expect(await rowCounts(business.id)).toEqual(before);

    const skipping = await run(actor, file, { skipInvalid: true });
    expect(skipping).toMatchObject({ refused: false, created: 1, balancesPosted: 1, skipped: 6 });
    expect(await db.customer.findMany({ where: { businessId: business.id }, select: { email: true, balance: true } })).toEqual([{ email: "ann@x.test", balance: 100 }]);
  });

  it("refuses a file whose stray quote would make the rest one huge record, without holding it in memory", async () => {
    const { business, actor } = await makeBusiness();
    const before = await rowCounts(business.id);
    const broken = "email,name\nann@x.test,\"Ann\n" + "x".repeat(200_000) + "\n";
    // Refused at the 64 KB record limit, not at the end of the file (an unclosed quote).
    await expect(run(actor, broken)).rejects.toMatchObject({ code: "VALIDATION_ERROR", message: expect.stringMatching(/not valid CSV: .*Max Record Size/i) });
    expect(await rowCounts(business.id)).toEqual(before);
  });

  it("matches existing customers, fills in what the row gives, and posts their opening balance through the ledger once", async () => {
    const { business, actor } = await makeBusiness();
    const { customer: ann } = await createCustomer(db, actor, { email: "ann@x.test", name: "Ann", initialPoints: 50 });
    const { customer: bob } = await createCustomer(db, actor, { phone: "+15550102000", name: "Bob" });
    const file = "email,phone,external_id,name,balance\nann@x.test,+15550103000,,,200\n,+1 555 010 2000,,Robert,\ncy@x.test,+15550104000,,,\n";
    const dry = await run(actor, file, { dryRun: true });
    expect(dry).toMatchObject({ matched: 2, invalid: 0 });
    expect(dry.errors).toEqual([]);

    const seen = await db.outboxEvent.count({ where: { businessId: business.id } });
    const report = await run(actor, file);
    expect(report).toMatchObject({ created: 1, updated: 2, balancesPosted: 1 });
    // Customers an integrator already knows get their own events as any other change would send
    // them; the new one (Cy) only the batch's customers.imported.
    const events = (await db.outboxEvent.findMany({ where: { businessId: business.id }, orderBy: { id: "asc" } })).slice(seen);
    expect(events.map((e) => e.type).sort()).toEqual(["customer.updated", "customer.updated", "customers.imported", "points.adjusted"]);
    expect(events.find((e) => e.type === "points.adjusted")!.payload).toMatchObject({ customer: { id: ann.id, balance: 250 }, entry: { points: 200, description: OPENING_BALANCE_DESCRIPTION } });
    expect(events.at(-1)!.payload).toEqual({ import: { created: 1, updated: 2, balancesPosted: 1, pointsPosted: 200, fromLine: 2, toLine: 4 } });
    expect(await db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: ann.id } } })).toMatchObject({ name: "Ann", phone: "+15550103000", balance: 250 });
    expect(await db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: bob.id } } })).toMatchObject({ name: "Robert", balance: 0 });
    expect(await ledgerState(business.id, ann.id)).toMatchObject({ balance: 250, entrySum: 250, lotSum: 250, entryCount: 2 });
    expect(await run(actor, file)).toMatchObject({ created: 0, updated: 0, balancesPosted: 0, balancesAlreadyPosted: 1 });
    expect((await ledgerState(business.id, ann.id)).balance).toBe(250);
    expect(await db.outboxEvent.count({ where: { businessId: business.id } })).toBe(seen + events.length);

    // Two rows naming Ann, by email and by phone: the second is an error, not a dropped balance.
    const twice = await run(actor, "email,phone,balance\nann@x.test,,10\n,+15550103000,20\n", { dryRun: true });
    expect(twice.errors).toEqual([{ line: 3, field: "row", reason: "names the same customer as line 2" }]);

    // Email of one customer, phone of another: which one would it be? Refused.
    const crossed = await run(actor, "email,phone\nann@x.test,+15550102000\n", { dryRun: true });
    expect(crossed.errors).toEqual([{ line: 2, field: "phone", reason: "belongs to a different existing customer than the row's other identifiers" }]);
  });

  it("erasing an imported customer erases their birthday too", async () => {
    const { business, actor } = await makeBusiness();
    await run(actor, "email,birthday\nbea@x.test,1985-06-07\n");
    const bea = await db.customer.findFirstOrThrow({ where: { businessId: business.id, email: "bea@x.test" } });
    expect(bea.birthday?.toISOString().slice(0, 10)).toBe("1985-06-07");
    await eraseCustomer(db, actor, { id: bea.id });
    expect(await db.customer.findUniqueOrThrow({ where: { businessId_id: { businessId: business.id, id: bea.id } } })).toMatchObject({ email: null, birthday: null });
  });
});
