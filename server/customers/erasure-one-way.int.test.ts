// Erasure's exception to the append-only tables is the owner's alone (inside
// ll_erase_customer_data(), a SECURITY DEFINER), and erasure can't be undone: the app's role can
// neither mark a live customer erased to strip their audit trail and idempotency keys (a retried
// write would then apply twice), nor clear erased_at afterwards, nor fool the definer with a
// temp table that shadows "customers".
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { adminUrl, ownerUrl, rawPool } from "../../test/test-database";
import { db } from "../db/client";
import { roleOf } from "../db/database-roles";
import { adjustPoints } from "../ledger";
import { createCustomer } from "./create-customer";
import { eraseCustomer } from "./erase-customer";

const pool = rawPool();
const owner = rawPool(ownerUrl());
const admin = rawPool(adminUrl());

const attempt = (sql: string, params: unknown[]) => pool.query(sql, params).then(() => "allowed", (e: { code?: string }) => e.code);

async function twoCustomers() {
  const { business, actor } = await makeBusiness();
  const customers = [];
  for (const email of ["gone@example.com", "live@example.com"]) {
    const { customer } = await createCustomer(db, actor, { email, name: "Someone", notes: "Regular", initialPoints: 10 });
    await adjustPoints(db, actor, { customerId: customer.id, points: 5, reason: `Goodwill for ${email}`, idempotencyKey: `retry-${email}` });
    customers.push(customer);
  }
  const [gone, live] = customers as [(typeof customers)[0], (typeof customers)[0]];
  await eraseCustomer(db, actor, { id: gone.id });
  const trail = async () => {
    const rows = [];
    for (const table of ["ledger_entries", "audit_logs", "idempotency_keys", "customers"]) {
      rows.push((await owner.query(`SELECT * FROM ${table} WHERE business_id = $1 ORDER BY 1, 2, 3`, [business.id])).rows);
    }
    return rows;
  };
  return { business, gone, live, trail };
}

describe("erasure as a privilege", () => {
  it("can't be faked by the app on a live customer to strip their trail, nor undone", async () => {
    const { business, gone, live, trail } = await twoCustomers();
    const before = await trail();
    // The review's attack, step by step: mark the live customer erased, take erasure's
    // exception on the append-only tables, then put erased_at back.
    expect(await attempt(`UPDATE customers SET erased_at = now() WHERE business_id = $1 AND id = $2`, [business.id, live.id])).toBe("LL000");
    expect(await attempt(`UPDATE customers SET erased_at = now(), email = NULL, phone = NULL, name = NULL, external_id = NULL, notes = NULL
                           WHERE business_id = $1 AND id = $2`, [business.id, live.id])).toBe("LL000");
    for (const who of [live.id, gone.id]) {
      const ids = [business.id, who];
      expect(await attempt(`UPDATE audit_logs SET details = ll_erased_audit_details(details) WHERE business_id = $1 AND target_id = $2::text`, ids)).toBe("42501");
      expect(await attempt(`UPDATE idempotency_keys SET key = 'erased:' || gen_random_uuid(), request_hash = NULL
                             WHERE business_id = $1 AND outcome->>'customerId' = $2::text`, ids)).toBe("42501");
      expect(await attempt(`UPDATE ledger_entries SET description = NULL WHERE business_id = $1 AND customer_id = $2`, ids)).toBe("42501");
    }
    // One-way, for the app and the owner alike.
    for (const client of [pool, owner]) {
      const change = (set: string, ...extra: unknown[]) => client.query(`UPDATE customers SET ${set} WHERE business_id = $1 AND id = $2`, [business.id, gone.id, ...extra]);
      await expect(change("erased_at = NULL")).rejects.toMatchObject({ code: "LL000" });
      await expect(change("erased_at = erased_at - interval '1 day'")).rejects.toMatchObject({ code: "LL000" });
      await expect(change("email = $3", "gone@example.com")).rejects.toMatchObject({ code: "LL000" });
    }
    // Other columns of an erased customer still change: the trigger refuses what it says, not all.
    await pool.query(`UPDATE customers SET balance = balance WHERE business_id = $1 AND id = $2`, [business.id, gone.id]);
    expect(await trail()).toEqual(before);
  });

  it("opens the append-only tables' exception to their owner only, even were the app granted UPDATE", async () => {
    const { business, gone } = await twoCustomers();
    const erasure = `UPDATE audit_logs SET details = ll_erased_audit_details(details) WHERE business_id = $1 AND target_id = $2::text`;
    const client = await admin.connect();
    try {
      // A grant someone might add by hand one day; rolled back.
      await client.query("BEGIN");
      await client.query(`GRANT UPDATE ON audit_logs TO "${roleOf(process.env.DATABASE_URL!)}"`);
      await client.query(`SET LOCAL ROLE "${roleOf(process.env.DATABASE_URL!)}"`);
      await expect(client.query(erasure, [business.id, gone.id])).rejects.toMatchObject({ code: "LL000" });
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
    // The exact change erasure makes, on an erased customer's rows: the owner's to make.
    expect((await owner.query(erasure, [business.id, gone.id])).rowCount).toBeGreaterThan(0);
  });

  it("erases the real customer, not a temp table that shadows it in the caller's session", async () => {
    const { business, live, trail } = await twoCustomers();
    const before = await trail();
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      // Unqualified "customers" in the definer would find this first if pg_temp were searched first.
      await client.query(`CREATE TEMP TABLE customers ON COMMIT DROP AS SELECT * FROM public.customers WHERE business_id = $1`, [business.id]);
      await client.query(`UPDATE customers SET erased_at = now() WHERE id = $1`, [live.id]);
      await client.query(`SELECT ll_erase_customer_data($1, $2)`, [business.id, live.id]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    // Either the real row is erased with the rest, or nothing is: never the trail of a live one.
    const [customer] = (await owner.query(`SELECT erased_at, email FROM customers WHERE business_id = $1 AND id = $2`, [business.id, live.id])).rows;
    expect(customer).toMatchObject({ email: null, erased_at: expect.any(Date) });
    const keys = (await owner.query(`SELECT key FROM idempotency_keys WHERE business_id = $1 AND outcome->>'customerId' = $2`, [business.id, live.id])).rows;
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !k.key.startsWith("erased:"))).toEqual([]);
    expect((await trail())[0]).not.toEqual(before[0]);
  });
});
