// Imported customers' referral codes: drawn when the file is staged, checked against the
// business once (dropTakenCodes), and redrawn by the customers trigger when someone takes one
// between the check and the insert (ll_import_apply's fallback insert).
import { describe, expect, it } from "vitest";
import { cliActor } from "../actors/actor";
import { createCustomer } from "../customers/create-customer";
import { db, rawPoolOf } from "../db/client";
import { makeBusiness } from "../../test/fixtures";
import { OPENING_BALANCE_DESCRIPTION } from "./apply-staged-rows";
import { importCustomers } from "./import-customers";
import { dropTakenCodes, STAGING_TABLE } from "./stage-import-file";
import { Readable } from "node:stream";

const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

describe("import referral codes", () => {
  it("gives every imported customer a unique valid code", async () => {
    const { business, actor } = await makeBusiness();
    const rows = Array.from({ length: 2_000 }, (_, i) => `c${i}@codes.test,${i % 7}`).join("\n");
    const report = await importCustomers(db, actor, Readable.from([`email,balance\n${rows}\n`]), { dryRun: false, skipInvalid: false });
    expect(report).toMatchObject({ created: 2_000, invalid: 0 });
    const [row] = await db.$queryRaw<{ total: bigint; distinct: bigint; valid: bigint }[]>`
      SELECT count(*) AS total, count(DISTINCT referral_code) AS distinct, count(*) FILTER (WHERE referral_code ~ '^[2-9A-HJ-NP-Z]{8}$') AS valid
        FROM customers WHERE business_id = ${business.id}::uuid`;
    expect(row).toEqual({ total: 2000n, distinct: 2000n, valid: 2000n });
  });

  it("draws again a code a customer holds before the check, or takes during the import, and loses no row", async () => {
    const { business, actor } = await makeBusiness();
    const { customer: before } = await createCustomer(db, actor, { email: "before@codes.test", name: "Before" });
    const { customer: during } = await createCustomer(db, actor, { email: "during@codes.test", name: "During" });
    const client = await rawPoolOf(db)!.connect();
    try {
      await client.query(STAGING_TABLE);
      await client.query(`INSERT INTO import_rows ("line", "email", "opening") VALUES (2, 'a@codes.test', 10), (3, 'b@codes.test', 0), (4, 'c@codes.test', 5)`);
      const staged = (await client.query<{ referral_code: string }>(`SELECT "referral_code" FROM import_rows ORDER BY "line"`)).rows.map((r) => r.referral_code);
      expect(staged.every((code) => CODE.test(code))).toBe(true);
      await db.$executeRaw`UPDATE customers SET referral_code = ${staged[1]} WHERE business_id = ${business.id}::uuid AND id = ${before.id}::uuid`;

      await dropTakenCodes(client, business.id);
      const checked = (await client.query<{ referral_code: string | null }>(`SELECT "referral_code" FROM import_rows ORDER BY "line"`)).rows.map((r) => r.referral_code);
      expect(checked).toEqual([staged[0], null, staged[2]]);

      // Taken after the check: the plain insert meets the unique index, and the batch goes in again.
      await db.$executeRaw`UPDATE customers SET referral_code = ${staged[2]} WHERE business_id = ${business.id}::uuid AND id = ${during.id}::uuid`;
      const a = cliActor(business.id);
      const req = { actorType: a.type, actorId: a.id, staffName: a.staffName, source: a.source, requestId: a.requestId, description: OPENING_BALANCE_DESCRIPTION };
      await client.query("BEGIN");
      const { rows } = await client.query("SELECT ll_import_apply($1, $2, 2, 4) AS r", [business.id, req]);
      await client.query("COMMIT");
      expect(rows[0].r).toEqual({ created: 3, updated: 0, posted: 2, alreadyPosted: 0, conflicts: 0 });
    } finally {
      client.release(true);
    }
    const customers = await db.customer.findMany({ where: { businessId: business.id }, select: { email: true, referralCode: true, balance: true } });
    const byEmail = new Map(customers.map((c) => [c.email, c]));
    expect([...byEmail.keys()].sort()).toEqual(["a@codes.test", "b@codes.test", "before@codes.test", "c@codes.test", "during@codes.test"]);
    const codes = customers.map((c) => c.referralCode!);
    expect(new Set(codes).size).toBe(5);
    expect(codes.every((code) => CODE.test(code))).toBe(true);
    expect(byEmail.get("c@codes.test")).toMatchObject({ balance: 5 });
    expect(byEmail.get("c@codes.test")!.referralCode).not.toBe(byEmail.get("during@codes.test")!.referralCode);
  });
});
