// The job queue's tables and functions (graphile-worker's own schema), installed by the
// migration runner as the schema's owner, like our migrations: the app's role only gets row
// privileges on them and EXECUTE on their functions, so a worker (which runs as the app's role)
// finds them ready and never needs DDL rights. Workers check the schema version at start and
// change nothing when it is current.
import { runMigrations, Logger } from "graphile-worker";
import type pg from "pg";
import { quoteIdent } from "../db/database-roles";
import { logger } from "../observability/logger";

export const JOB_SCHEMA = "graphile_worker";


// Only warnings and errors: a migration run prints its own summary.
export const quietJobLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") logger().warn(`jobs: ${message}`);
});

// Before our own migrations: our functions name the queue's types (job_spec).
export async function installJobQueue(url: string): Promise<void> {
  await runMigrations({ connectionString: url, logger: quietJobLogger });
}

export async function grantJobQueue(client: pg.ClientBase, app: string): Promise<void> {
  const { rows } = await client.query<{ me: string }>("SELECT current_user::text AS me");
  if (rows[0]!.me === app) return;
  const s = quoteIdent(JOB_SCHEMA);
  const a = quoteIdent(app);
  await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${a}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${a}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${a}`);
  await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${a}`);
  // The queue's schema version is the owner's business, as _prisma_migrations is.
  await client.query(`REVOKE INSERT, UPDATE, DELETE ON ${s}.migrations FROM ${a}`);
  // The queue turns on row-level security with no policy, so that only its owner sees its rows
  // (it expects to run as the role that migrated it). Our worker runs as the app's role: give
  // that role, and no other, every row of those tables.
  const { rows: secured } = await client.query<{ name: string }>(
    "SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'r' AND c.relrowsecurity",
    [JOB_SCHEMA],
  );
  for (const { name } of secured) {
    await client.query(`DROP POLICY IF EXISTS loyalty_app_rows ON ${name}`);
    await client.query(`CREATE POLICY loyalty_app_rows ON ${name} TO ${a} USING (true) WITH CHECK (true)`);
  }
}
