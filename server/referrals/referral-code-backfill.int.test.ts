// The referrals migration's backfill, run again on customers without a code (as the migration
// found every customer there was): each live customer gets a valid code, unique in its business,
// even when the first draw collides; the erased get none.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ownerUrl, rawPool } from "../../test/test-database";
import { makeBusiness } from "../../test/fixtures";
import { createCustomer } from "../customers/create-customer";
import { eraseCustomer } from "../customers/erase-customer";
import { db } from "../db/client";

const MIGRATIONS = "prisma/migrations";
const migration = readdirSync(MIGRATIONS).find((name) => name.endsWith("_referrals"))!;
const sql = readFileSync(path.join(MIGRATIONS, migration, "migration.sql"), "utf8");
const backfill = sql.slice(sql.indexOf("UPDATE \"customers\" SET \"referral_code\" = ll_random_referral_code()"), sql.indexOf("-- After the backfill"));

describe("referral code backfill", () => {
  it("gives every live customer a unique valid code, redrawing duplicates, and none to the erased", async () => {
    const { actor, business } = await makeBusiness();
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4]) ids.push((await createCustomer(db, actor, { name: `C${n}`, email: `c${n}@example.com` })).customer.id);
    await eraseCustomer(db, actor, { id: ids[3]! });
    const owner = rawPool(ownerUrl());
    try {
      await owner.query(`UPDATE customers SET referral_code = NULL WHERE business_id = $1`, [business.id]);
      // Two customers left with the same code: the index goes for the duration, as before the migration made it.
      await owner.query(`BEGIN`);
      await owner.query(`DROP INDEX customers_business_id_referral_code_key`);
      await owner.query(backfill.replace('WHERE "erased_at" IS NULL', `WHERE "erased_at" IS NULL AND "business_id" = '${business.id}'`));
      await owner.query(`UPDATE customers SET referral_code = 'SAME2345' WHERE business_id = $1 AND id = ANY($2::uuid[])`, [business.id, ids.slice(0, 2)]);
      await owner.query(backfill.slice(backfill.indexOf("DO $$")));
      await owner.query(`CREATE UNIQUE INDEX customers_business_id_referral_code_key ON customers (business_id, referral_code)`);
      await owner.query(`COMMIT`);
    } finally {
      await owner.query(`ROLLBACK`).catch(() => undefined);
      await owner.end();
    }
    const rows = await db.customer.findMany({ where: { businessId: business.id }, select: { id: true, referralCode: true } });
    const codes = rows.filter((r) => r.id !== ids[3]).map((r) => r.referralCode);
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(new Set(codes).size).toBe(3);
    expect(rows.find((r) => r.id === ids[3])!.referralCode).toBeNull();
  });
});
