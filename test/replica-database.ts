// A stand-in read replica for integration tests: a second database, migrated like the test
// file's own, that holds DIFFERENT data (the same business id, other customers and audit rows)
// and is read-only for every new session, as a hot standby is. A figure that matches its data
// proves the read came from it; a write sent to it fails instead of passing unnoticed.
// Call before anything in the process reads the environment: it sets DATABASE_REPLICA_URL.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { roleOf } from "../server/db/database-roles";
import { migrate } from "../server/db/migrate";
import { createDatabaseIfMissing } from "../server/db/open-database";
import { adminUrl, inTestDatabase, rawPool } from "./test-database";

export async function replicaDatabase() {
  const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_replica`;
  const owner = inTestDatabase(inject("ownerDatabaseUrl"), name);
  await createDatabaseIfMissing(inject("adminDatabaseUrl"), name, roleOf(inject("ownerDatabaseUrl")));
  await migrate(owner, { grantTo: roleOf(inject("appDatabaseUrl")) });
  process.env.DATABASE_REPLICA_URL = inTestDatabase(inject("appDatabaseUrl"), name);
  await rawPool(inTestDatabase(inject("adminDatabaseUrl"), name)).query(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
  const primaryAdmin = rawPool(adminUrl());
  const replicaOwner = rawPool(owner);

  // The replica's own data for a business of the primary: the same business row, and instead
  // of the primary's customers one of its own with `balance` points, and an audit row.
  async function mirrorBusiness(businessId: string, balance: number): Promise<string> {
    const { rows } = await primaryAdmin.query("SELECT row_to_json(b) AS row FROM businesses b WHERE id = $1", [businessId]);
    const customerId = randomUUID();
    const client = await replicaOwner.connect();
    try {
      await client.query("BEGIN READ WRITE");
      await client.query("INSERT INTO businesses SELECT * FROM json_populate_record(null::businesses, $1)", [rows[0].row]);
      await client.query("INSERT INTO customers (business_id, id, name, email, balance, updated_at) VALUES ($1, $2, 'Only on the replica', $3, $4, now())", [
        businessId, customerId, `replica-${customerId}@example.com`, balance,
      ]);
      await client.query("INSERT INTO audit_logs (business_id, actor_type, action) VALUES ($1, 'SYSTEM', 'replica.only')", [businessId]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    return customerId;
  }

  // As the app role, for assertions on what the replica holds.
  return { pool: rawPool(process.env.DATABASE_REPLICA_URL), mirrorBusiness };
}
