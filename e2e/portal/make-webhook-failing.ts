// Puts an endpoint where three days of failed deliveries leave it, without waiting three days:
// its failure streak moved back, then the worker's own SQL (ll_mark_failing_endpoints) marks it.
// Run by e2e/portal/webhooks.spec.ts: `npx tsx e2e/portal/make-webhook-failing.ts <business> <endpoint>`.
import { withDatabase } from "../../server/db/with-database";

const [businessId, endpointId] = process.argv.slice(2);
const uuid = /^[0-9a-f-]{36}$/;
if (!businessId || !endpointId || !uuid.test(businessId) || !uuid.test(endpointId)) throw new Error("usage: make-webhook-failing.ts <business id> <endpoint id>");

await withDatabase(async (db) => {
  // Failing since four days, and failing still (the last failure a minute ago).
  await db.$executeRaw`UPDATE "webhook_endpoints" SET "failing_since" = now() - interval '4 days', "last_failure_at" = now() - interval '1 minute' WHERE "business_id" = ${businessId}::uuid AND "id" = ${endpointId}::uuid`;
  const [row] = await db.$queryRaw<{ marked: number }[]>`SELECT ll_mark_failing_endpoints(${businessId}::uuid, ${endpointId}::uuid, interval '3 days') AS marked`;
  if (row?.marked !== 1) throw new Error(`endpoint ${endpointId} was not marked failing`);
});
