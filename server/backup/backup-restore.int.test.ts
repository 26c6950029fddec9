// Round trip: a business with real history, backed up with the CLI from this file's database,
// restored into fresh databases; every table compared row for row, then the restored data
// served (a balance, a new award, an old idempotency key still replaying). And the refusals:
// a non-empty target, a backup from a newer app, a damaged file (the target stays empty).
import { randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { cliActor } from "../actors/actor";
import { createApiKey } from "../api-keys/create-api-key";
import { createBusiness } from "../businesses/create-business";
import { createCustomer } from "../customers/create-customer";
import { createDb, db } from "../db/client";
import { roleOf } from "../db/database-roles";
import { createDatabaseIfMissing } from "../db/open-database";
import { awardPoints, getBalance, redeemPoints } from "../ledger";
import { createOrder } from "../orders/create-order";
import { createWebhookEndpoint } from "../webhooks/manage-webhook-endpoints";
import { randomPassword } from "../accounts/one-time-token";
import { cli } from "../../test/run-cli-capture";
import { inTestDatabase, ownerUrl } from "../../test/test-database";
import { listSequences, listTables } from "./backup-catalog";
import { createBackup } from "./create-backup";
import { migrateTo } from "./migrate-to";
import { restoreBackup } from "./restore-backup";
import { readMigrations } from "../db/migrate";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";

const dir = mkdtempSync(path.join(os.tmpdir(), "backup-"));
const created: string[] = [];

// A new database owned by the test owner role, as the restore target (not migrated: restore does it).
async function freshDatabase() {
  const name = `restore_${randomBytes(5).toString("hex")}`;
  await createDatabaseIfMissing(inject("adminDatabaseUrl"), name, roleOf(inject("ownerDatabaseUrl")));
  created.push(name);
  return { url: inTestDatabase(inject("appDatabaseUrl"), name), migrationUrl: inTestDatabase(inject("ownerDatabaseUrl"), name) };
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

// One digest per table, over every row as text: equal digests, equal tables.
async function digests(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, string> = {};
    for (const { name } of await listTables(client)) {
      const { rows } = await client.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS d FROM "${name}" t`);
      result[name] = `${rows[0].n}:${rows[0].d}`;
    }
    for (const { name, lastValue, isCalled } of await listSequences(client)) result[`sequence ${name}`] = `${lastValue}:${isCalled}`;
    return result;
  } finally {
    await client.end();
  }
}

async function businessCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT count(*)::int AS n FROM businesses").finally(() => client.end());
  return rows[0].n;
}

async function buildHistory() {
  const { business } = await createBusiness(db, { name: "Backed Up Beans", ownerEmail: "owner@backup.test", ownerPassword: randomPassword() });
  const actor = cliActor(business.id);
  await createApiKey(db, actor, { name: "Till", scopes: [] });
  await createCustomer(db, actor, { email: "cora@backup.test", name: "Cora", initialPoints: 40 });
  const first = await awardPoints(db, actor, { customerEmail: "ann@backup.test", amount: 200, idempotencyKey: "award-1" });
  await redeemPoints(db, actor, { customerEmail: "ann@backup.test", amount: 50, idempotencyKey: "redeem-1" });
  await createOrder(db, actor, {
    externalId: "SO-1", customerEmail: "bob@backup.test", currency: "USD", subtotal: 4000, discount: 0, shipping: 0, tax: 0, status: "PAID",
    placedAt: new Date("2026-04-01T10:00:00Z"), items: [{ productExternalId: "beans", quantity: 2, unitPrice: 2000 }],
  });
  await createWebhookEndpoint(db, actor, { url: "https://hooks.example.com/loyalty", events: ["*"] });
  return { business, actor, first };
}

describe("db backup and db restore", () => {
  it("restores every table row for row into a fresh database, which then serves the data", async () => {
    const { business, actor, first } = await buildHistory();
    const file = path.join(dir, "round-trip.llbak");
    const backup = await cli("db", "backup", "--file", file);
    expect(backup).toMatchObject({ code: 0, out: expect.stringMatching(/^Backed up \d+ tables, \d+ rows .* to .*round-trip\.llbak \(\d+ bytes\)\.$/) });

    const target = await freshDatabase();
    const { manifest } = await restoreBackup(target, createReadStream(file));
    expect(manifest.tables.find((t) => t.name === "customers")?.rows).toBe(await db.customer.count());
    const source = await digests(ownerUrl());
    expect(Object.keys(source)).toEqual(expect.arrayContaining(["businesses", "customers", "ledger_entries", "orders", "outbox_events", "audit_logs", "webhook_endpoints", "idempotency_keys", "_prisma_migrations", "sequence audit_logs_id_seq"]));
    expect(await digests(target.migrationUrl)).toEqual(source);

    // Served: through the app's role, with the insert triggers back on.
    const restored = createDb(target.url, 2);
    try {
      const ann = (await getBalance(restored, actor, { customerEmail: "ann@backup.test" })) as { balance: number };
      expect(ann.balance).toBe(150);
      const replay = await awardPoints(restored, actor, { customerEmail: "ann@backup.test", amount: 200, idempotencyKey: "award-1" });
      expect(replay.transaction.id).toBe(first.transaction.id);
      const events = await restored.outboxEvent.count({ where: { businessId: business.id } });
      const fresh = await awardPoints(restored, actor, { customerEmail: "dan@backup.test", amount: 25, idempotencyKey: "award-2" });
      expect(fresh.customerCreated).toBe(true);
      expect(await restored.outboxEvent.count({ where: { businessId: business.id } })).toBeGreaterThan(events);
      expect(((await getBalance(restored, actor, { customerEmail: "ann@backup.test" })) as { balance: number }).balance).toBe(150);
    } finally {
      await restored.$disconnect();
    }

    // A non-empty target is refused, and left as it was.
    const before = await digests(target.migrationUrl);
    await expect(restoreBackup(target, createReadStream(file))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/not empty .*--force/) });
    expect(await digests(target.migrationUrl)).toEqual(before);
    // --force replaces it with the backup's rows.
    await restoreBackup(target, createReadStream(file), { force: true });
    expect(await digests(target.migrationUrl)).toEqual(source);
    // The CLI refuses the same way, with its exit code and reason (this file's database has data).
    expect(await cli("db", "restore", "--file", file)).toMatchObject({ code: 1, err: expect.stringMatching(/not empty/) });
  });

  it("refuses a backup from a newer app and a damaged file with a sentence, leaving the target empty", async () => {
    const file = path.join(dir, "refusals.llbak");
    expect((await cli("db", "backup", "--file", file)).code).toBe(0);
    const bytes = readFileSync(file);
    const [magic, manifest, ...rest] = gunzipSync(bytes).toString().split("\n");
    const newer = JSON.parse(manifest!);
    newer.migrations.push("29991231000000_from_the_future");
    const cases: [Buffer, RegExp][] = [
      [gzipSync([magic, JSON.stringify(newer), ...rest].join("\n")), /newer version of the app .*29991231000000_from_the_future/],
      [bytes.subarray(0, Math.floor(bytes.length * 0.8)), /damaged or truncated.*Nothing was restored/],
      [gzipSync([magic, manifest, ...rest.slice(0, -40)].join("\n")), /truncated|damaged/],
      [Buffer.from("not a backup"), /damaged|not a Loyalty Ledger backup/],
    ];
    for (const [content, reason] of cases) {
      const target = await freshDatabase();
      await expect(restoreBackup(target, Readable.from([content]))).rejects.toMatchObject({ message: expect.stringMatching(reason) });
      // Migrated (or untouched), but no row of the backup in it.
      const client = new pg.Client({ connectionString: target.migrationUrl });
      await client.connect();
      const found = await client.query("SELECT to_regclass('public.businesses') IS NOT NULL AS found").finally(() => client.end());
      if (found.rows[0].found) expect(await businessCount(target.migrationUrl)).toBe(0);
    }
    const missing = path.join(dir, "missing.llbak");
    expect(await cli("db", "restore", "--file", missing)).toMatchObject({ code: 1, err: expect.stringMatching(/No file at/) });
    writeFileSync(path.join(dir, "taken.llbak"), "");
    expect(await cli("db", "backup", "--file", path.join(dir, "taken.llbak"))).toMatchObject({ code: 1, err: expect.stringMatching(/exists already/) });
  });

  it("restores a backup made at an older schema version, then applies the newer migrations", async () => {
    const names = readMigrations().map((m) => m.name);
    const older = await freshDatabase();
    await migrateTo(older.migrationUrl, names.slice(0, -1), roleOf(older.url));
    const client = new pg.Client({ connectionString: older.migrationUrl });
    await client.connect();
    await client.query(`INSERT INTO businesses (name, slug) VALUES ('Old Times', 'old-times')`).finally(() => client.end());
    const file = path.join(dir, "older.llbak");
    const output = createWriteStream(file);
    const manifest = await createBackup(older.migrationUrl, output);
    await finished(output);
    expect(manifest.migrations).toEqual(names.slice(0, -1));

    const target = await freshDatabase();
    const { applied } = await restoreBackup(target, createReadStream(file));
    expect(applied).toEqual([names.at(-1)]);
    const check = new pg.Client({ connectionString: target.migrationUrl });
    await check.connect();
    const { rows } = await check.query(`SELECT (SELECT slug FROM businesses) AS slug, (SELECT count(*)::int FROM "_prisma_migrations" WHERE rolled_back_at IS NULL) AS n`).finally(() => check.end());
    expect(rows[0]).toEqual({ slug: "old-times", n: names.length });

    // A target already past the backup's version can't take its rows: refused, left empty.
    const newer = await freshDatabase();
    await migrateTo(newer.migrationUrl, names, roleOf(newer.url));
    await expect(restoreBackup(newer, createReadStream(file))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/schema is newer than the backup's/) });
    expect(await businessCount(newer.migrationUrl)).toBe(0);
  });
});
